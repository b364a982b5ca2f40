/* This file implements lookups in the table of embedded files and parsed assets (embedded.h). */
#include "embedded.h"

#include <assert.h>
#include <string.h>

const struct embedded_file *embedded_find(const char *path)
{
    for (const struct embedded_file *f = embedded_files; f->path; f++)
        if (strcmp(f->path, path) == 0)
            return f;
    return NULL;
}

void *embedded_asset(struct embedded_asset *asset)
{
    void *value = atomic_load_explicit(&asset->value, memory_order_acquire);
    if (value)
        return value;
    pthread_mutex_lock(&asset->lock);
    value = atomic_load_explicit(&asset->value, memory_order_relaxed);
    if (value == NULL) {
        const struct embedded_file *f = embedded_find(asset->path);
        value = f ? asset->parse((const char *)f->data, f->len) : asset->parse("", 0);
        assert(value != NULL);
        atomic_store_explicit(&asset->value, value, memory_order_release);
    }
    pthread_mutex_unlock(&asset->lock);
    return value;
}
