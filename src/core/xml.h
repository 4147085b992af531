/* xml.h — text that is safe inside an XML 1.0 document.
 *
 * The render layer escapes markup characters (& < > " ') in every `var:`;
 * what it cannot fix is a character XML 1.0 forbids outright: a document
 * holding one is not well-formed and feed readers drop all of it. Text
 * for XML output (the Atom feed) goes through xml_text() first. */
#ifndef CP_XML_H
#define CP_XML_H

#include <stddef.h>

#include "util.h"

/* Copies s[0..n) into a NUL-terminated arena string fit for XML 1.0
 * character data and attribute values: control characters other than tab
 * and line feed (C0, DEL, C1) and the noncharacters U+FFFE and U+FFFF are
 * dropped, CR LF and lone CR become LF (what an XML parser would make of
 * them), and each byte that is not part of well-formed UTF-8 becomes
 * U+FFFD. Returns NULL when out of memory. */
char *xml_text(struct arena *a, const char *s, size_t n);

#endif
