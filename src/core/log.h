/* log.h — one line per event on stderr (the journal under systemd).
 *
 * Contract for callers: log ids, rule names, actions and error classes,
 * never post text, passwords, tokens or anything a user typed. */
#ifndef CP_LOG_H
#define CP_LOG_H

/* Sets the program name and request id printed on following lines; rid may
 * be NULL between requests. The string must outlive its use. */
void log_set_context(const char *program, const char *request_id);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
