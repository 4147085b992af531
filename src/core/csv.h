/* csv.h — RFC 4180 CSV output that is safe to open in a spreadsheet.
 *
 * Records end in CRLF. A field containing a comma, a double quote, CR or LF
 * is quoted and its quotes doubled. A field a spreadsheet would take for a
 * formula (starting with = + - @, tab or CR) gets a leading apostrophe
 * first (OWASP "CSV injection"), so an exported audit detail such as
 * "=HYPERLINK(...)" is shown as text, never evaluated. */
#ifndef CP_CSV_H
#define CP_CSV_H

#include "util.h"

/* Appends one field (NULL is an empty field), with a separating comma
 * unless first is set. */
void csv_field(struct sbuf *b, const char *s, int first);

/* Ends the record. */
void csv_end_record(struct sbuf *b);

#endif
