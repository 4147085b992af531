/* paths.h — where an installed Clearpost looks for its files. The Makefile
 * sets both from PREFIX and SYSCONFDIR for the files that include this
 * (make install PREFIX=/usr builds them again); these are the fallbacks. */
#ifndef CP_PATHS_H
#define CP_PATHS_H

/* Paths.Root when the configuration does not set it: templates/, sql/ and
 * static/ of an installed copy. */
#ifndef CP_DATADIR
#define CP_DATADIR "/usr/local/share/clearpost"
#endif

/* The configuration file when $CLEARPOST_CONFIG is unset or empty. */
#ifndef CP_CONFIG_FILE
#define CP_CONFIG_FILE "/etc/clearpost/clearpost.hdf"
#endif

#endif
