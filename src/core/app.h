/* app.h — what lives for the whole life of one process: configuration,
 * the database connection, derived keys and the route table. Nothing here
 * changes per request. */
#ifndef CP_APP_H
#define CP_APP_H

#include <stddef.h>

#include "config.h"
#include "crypto.h"

struct db;
struct route;
struct settings;

struct app {
	const char *program;
	struct config cfg;
	struct db *db;
	unsigned char csrf_key[CRYPTO_HASH_LEN];
	unsigned char audit_key[CRYPTO_HASH_LEN];
	const struct route *routes;
	size_t nroutes;
	/* The organisation's settings as last read (settings.h): refreshed
	 * from the database when their version changes, not per request. */
	struct settings *settings;
};

/* Loads config, derives keys and creates the (lazy) DB handle.
 * Returns 0 or -1 after logging why. */
int app_init(struct app *app, const char *program);
void app_free(struct app *app);

#endif
