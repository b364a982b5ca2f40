/* The byte-budgeted LRU list (lib/lru.h): the least recently used dropped beyond the limit, a
 * lookup making an item the most recent, an out-of-date item dropped, an item too large never
 * listed, and an item dropped while referenced freed only with its last reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "lib/lru.h"

struct thing {
    struct lru_item item;
    int key, version;
};

static int freed;

static void thing_free(struct lru_item *item)
{
    freed++;
    free(item);
}

struct key {
    int key, version;
};

static enum lru_match match(const struct lru_item *item, const void *k)
{
    const struct thing *t = (const struct thing *)item;
    const struct key *key = k;
    if (t->key != key->key)
        return LRU_SKIP;
    return t->version == key->version ? LRU_TAKE : LRU_DROP;
}

static struct thing *make(int key, int version, size_t bytes)
{
    struct thing *t = calloc(1, sizeof *t);
    t->item.refs = 1;
    t->item.bytes = bytes;
    t->key = key;
    t->version = version;
    return t;
}

/* Puts a new thing and gives the caller's reference back. */
static bool put(struct lru *l, int key, int version, size_t bytes)
{
    struct thing *t = make(key, version, bytes);
    bool listed = lru_put(l, &t->item, match, &(struct key){key, version});
    lru_release(l, &t->item);
    return listed;
}

static bool has(struct lru *l, int key, int version)
{
    struct lru_item *x = lru_get(l, match, &(struct key){key, version});
    lru_release(l, x);
    return x != NULL;
}

static void test_least_recently_used_dropped(void **state)
{
    (void)state;
    struct lru l = LRU_INIT(100, thing_free);
    freed = 0;
    assert_true(put(&l, 1, 0, 40));
    assert_true(put(&l, 2, 0, 40));
    assert_true(has(&l, 1, 0));     /* 1 is now the most recent */
    assert_true(put(&l, 3, 0, 40)); /* 2 goes */
    assert_false(has(&l, 2, 0));
    assert_true(has(&l, 1, 0));
    assert_true(has(&l, 3, 0));
    assert_int_equal(l.held, 80);
    assert_int_equal(freed, 1);
    assert_false(put(&l, 4, 0, 101)); /* larger than the limit: never listed, freed */
    assert_int_equal(freed, 2);
    assert_true(has(&l, 1, 0));
    lru_clear(&l);
    assert_int_equal(freed, 4);
    assert_int_equal(l.held, 0);
}

static void test_out_of_date_dropped(void **state)
{
    (void)state;
    struct lru l = LRU_INIT(100, thing_free);
    freed = 0;
    assert_true(put(&l, 1, 0, 10));
    assert_false(has(&l, 1, 1)); /* another version: dropped */
    assert_int_equal(freed, 1);
    assert_false(has(&l, 1, 0));
    assert_true(put(&l, 1, 1, 10));
    assert_true(put(&l, 1, 2, 10)); /* replaces the older one */
    assert_int_equal(l.n, 1);
    assert_true(has(&l, 1, 2));
    lru_configure(&l, 0); /* off: nothing more is listed */
    assert_false(lru_enabled(&l));
    assert_false(put(&l, 2, 0, 1));
    lru_clear(&l);
}

static void test_referenced_item_outlives_its_drop(void **state)
{
    (void)state;
    struct lru l = LRU_INIT(50, thing_free);
    freed = 0;
    assert_true(put(&l, 1, 0, 40));
    struct lru_item *x = lru_get(&l, match, &(struct key){1, 0});
    assert_non_null(x);
    assert_true(put(&l, 2, 0, 40)); /* 1 leaves the list but a reader holds it */
    assert_int_equal(freed, 0);
    assert_int_equal(((struct thing *)x)->key, 1);
    lru_release(&l, x);
    assert_int_equal(freed, 1);
    lru_resize_locked(&l, l.items[0], 45);
    assert_int_equal(l.held, 45);
    lru_clear(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_least_recently_used_dropped),
        cmocka_unit_test(test_out_of_date_dropped),
        cmocka_unit_test(test_referenced_item_outlives_its_drop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
