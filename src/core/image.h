/* image.h — uploaded images, checked by their content (never the file
 * name) and copied without the metadata that can identify a patient or a
 * place: EXIF (GPS, camera serials, dates), XMP, IPTC, comments, PNG text
 * and time chunks. Pure functions: no I/O. */
#ifndef CP_IMAGE_H
#define CP_IMAGE_H

#include <stddef.h>

#include "util.h"

enum image_type { IMAGE_NONE, IMAGE_JPEG, IMAGE_PNG };

/* Copies a JPEG or PNG into out without its metadata. Returns the type,
 * or IMAGE_NONE when the bytes are not a well-formed JPEG or PNG (out is
 * then empty). */
enum image_type image_clean(const unsigned char *in, size_t n,
    struct sbuf *out);

const char *image_mime(enum image_type t);

/* The pixel size of a JPEG or PNG (from IHDR or the first SOFn frame
 * header): 0 with *w and *h set, or -1 when it cannot be read. */
int image_size(const unsigned char *in, size_t n, int *w, int *h);

#endif
