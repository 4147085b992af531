#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char *log_program = "clearpost";
static const char *log_request_id;

void
log_set_context(const char *program, const char *request_id)
{
	if (program != NULL)
		log_program = program;
	log_request_id = request_id;
}

static void log_line(const char *level, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Copies src into dst (size > 0) with every control character, and in
 * word mode every space too, replaced by '_' : an event is one line, and the
 * request id one word, whatever a client sent as REQUEST_ID. */
static void
flatten(char *dst, size_t size, const char *src, int word)
{
	size_t i = 0;
	for (; src[i] != '\0' && i + 1 < size; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[i] = c < 0x20 || c == 0x7f || (word && c == ' ') ? '_' :
		    (char)c;
	}
	dst[i] = '\0';
}

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char when[32], rid[72], msg[2048], line[2048];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	flatten(rid, sizeof(rid), log_request_id && *log_request_id ?
	    log_request_id : "-", 1);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	flatten(line, sizeof(line), msg, 0);
	/* One write per line, so lines of concurrent workers never mix. */
	fprintf(stderr, "%s %s[%ld] %s rid=%s %s\n", when, log_program,
	    (long)getpid(), level, rid, line);
	fflush(stderr);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}
