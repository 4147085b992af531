#include "csv.h"

#include <string.h>

void
csv_field(struct sbuf *b, const char *s, int first)
{
	int formula, quote;

	if (!first)
		sbuf_puts(b, ",");
	if (s == NULL || s[0] == '\0')
		return;
	formula = strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		sbuf_puts(b, "\"");
	if (formula)
		sbuf_puts(b, "'");
	for (const char *p = s; *p != '\0';) {
		size_t n = strcspn(p, "\"");
		sbuf_append(b, p, n);
		p += n;
		if (*p == '"') {
			sbuf_puts(b, "\"\"");
			p++;
		}
	}
	if (quote)
		sbuf_puts(b, "\"");
}

void
csv_end_record(struct sbuf *b)
{
	sbuf_puts(b, "\r\n");
}
