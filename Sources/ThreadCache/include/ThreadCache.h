#ifndef ACCORD_THREAD_CACHE_H
#define ACCORD_THREAD_CACHE_H

#include <stddef.h>

/// 1 when this build keeps freed memory blocks in a cache for each thread (Linux with glibc).
int accord_thread_cache_enabled(void);

/// How many bytes a block from `malloc` can hold (glibc's `malloc_usable_size`); 0 elsewhere.
size_t accord_block_capacity(void *block);

#endif
