// A cache of freed memory blocks for each thread, in front of glibc's allocator.
//
// `accord check` allocates a few hundred small blocks for each brief (tables, lists, texts, nodes
// of the report) and frees them all when the brief is done. glibc keeps only 7 freed blocks of each
// size for a thread (its tcache); the rest go back through its general path, which costs about a
// tenth of all instructions of a check. This layer keeps up to 128 KiB of freed blocks per size
// and thread, and hands them out again without locks.
//
// Every block still comes from glibc (`__libc_malloc`) and goes back to it when a cache is full or
// its thread ends, so glibc's other functions (`realloc`, `malloc_usable_size`, `memalign`) work on
// every pointer as before. A freed block's size is read from glibc's header word just before it
// (as `malloc_usable_size` reads it); the first free checks that reading against
// `malloc_usable_size` for blocks of every cached size, and leaves the cache off if they disagree.
// Only Linux with glibc: elsewhere this file compiles to nothing.
//
// Another allocator preloaded (LD_PRELOAD=libjemalloc.so.2) must not see glibc's blocks: this file
// defines every allocation function a program may call (the aligned ones, `malloc_usable_size`), so
// that the whole process allocates from glibc, and it finds glibc's own `malloc_usable_size` by name
// in glibc (the preloaded one would read a glibc block as its own, and crash).
#include <stddef.h>
#include "ThreadCache.h"
#ifdef __linux__
#include <features.h>  // defines __GLIBC__ when the C library is glibc
#endif

#if defined(__linux__) && defined(__GLIBC__)

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>

extern void *__libc_malloc(size_t size);
extern void __libc_free(void *block);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *block, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

/// glibc's own `malloc_usable_size`, looked up in glibc itself (whatever else defines the name comes
/// first in the process's lookup), once, at the first call or free that needs it.
static size_t (*glibcUsableSize)(void *);
static pthread_once_t findOnce = PTHREAD_ONCE_INIT;

static void findGlibc(void) {
    void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
    if (libc) __atomic_store_n(&glibcUsableSize, (size_t (*)(void *))dlsym(libc, "malloc_usable_size"), __ATOMIC_RELEASE);
}

// Blocks are grouped by how many bytes they can hold: class k holds blocks of at least 24 + 16k
// bytes (glibc's chunk sizes are 32, 48, 64, ...), up to `largest` bytes. The small classes (up to
// about 1 KiB: tables, lists, texts) keep up to 128 KiB of blocks each; the larger ones (a brief's
// bytes, its report) are allocated a few at a time, and keep 4 blocks each.
enum { classes = 512, smallClasses = 63, largest = 24 + 16 * (classes - 1), classBytes = 128 * 1024, largeBlocks = 4 };

typedef struct Block { struct Block *next; } Block;

typedef struct {
    Block *first[classes];
    // How many more blocks each class may keep: 0 for every class until the thread's first free,
    // and again once the cache is given back when the thread ends.
    unsigned short room[classes];
    // 0 until the thread's first free; 1 while it caches; 2 once its cache is given back at exit.
    unsigned char state;
} Cache;

static __thread Cache cache __attribute__((tls_model("initial-exec")));
static pthread_key_t exitKey;
static pthread_once_t setUpOnce = PTHREAD_ONCE_INIT;
static int headerReadable;  // whether `capacity` agrees with glibc (set once, by `setUp`)

/// The bytes a block from glibc can hold, read from the size word before it (the low three bits are
/// flags); 0 for a block glibc mapped on its own (flag 2), which is never cached.
static inline size_t capacity(void *block) {
    size_t word = ((size_t *)block)[-1];
    if (word & 2) return 0;
    return (word & ~(size_t)7) - sizeof(size_t);
}

/// Gives every cached block of this thread back to glibc; later frees go straight to glibc.
static void giveBack(void *unused) {
    (void)unused;
    cache.state = 2;
    for (int k = 0; k < classes; k++) {
        Block *b = cache.first[k];
        while (b) { Block *next = b->next; __libc_free(b); b = next; }
        cache.first[k] = NULL;
        cache.room[k] = 0;
    }
}

static void setUp(void) {
    pthread_once(&findOnce, findGlibc);
    headerReadable = glibcUsableSize != NULL;
    for (size_t size = 0; size <= largest + 64 && headerReadable; size += 8) {
        void *block = __libc_malloc(size);
        if (block && capacity(block) != glibcUsableSize(block)) headerReadable = 0;
        __libc_free(block);
    }
    if (headerReadable) pthread_key_create(&exitKey, giveBack);
}

void *malloc(size_t size) {
    if (size <= largest) {
        size_t k = size <= 24 ? 0 : (size - 24 + 15) / 16;
        Block *b = cache.first[k];
        if (b) {
            cache.first[k] = b->next;
            cache.room[k]++;
            return b;
        }
    }
    return __libc_malloc(size);
}

/// A free the cache did not take: the thread's first (which sets its cache up, and arranges for it
/// to be given back when the thread ends), or one glibc takes.
static __attribute__((noinline)) void freeSlowly(void *block) {
    if (cache.state == 0) {
        cache.state = 2;  // frees while the cache is set up go straight to glibc
        pthread_once(&setUpOnce, setUp);
        if (headerReadable && pthread_setspecific(exitKey, &cache) == 0) {
            cache.state = 1;
            for (int k = 0; k < classes; k++) {
                // 128 KiB of blocks in each small class, and at most 4,096 of them.
                size_t n = k < smallClasses ? classBytes / (24 + 16 * (size_t)k) : largeBlocks;
                cache.room[k] = (unsigned short)(n > 4096 ? 4096 : n);
            }
            free(block);
            return;
        }
    }
    __libc_free(block);
}

void free(void *block) {
    if (!block) return;
    size_t usable = capacity(block);
    size_t k = (usable - 24) / 16;  // a huge number for a block under 24 bytes, or mapped (0)
    if (k < classes && cache.room[k]) {
        Block *b = block;
        b->next = cache.first[k];
        cache.first[k] = b;
        cache.room[k]--;
        return;
    }
    freeSlowly(block);
}

// A program that replaces malloc and free replaces calloc and realloc too (glibc's manual, "Replacing
// malloc"); these hand the work to glibc, whose blocks the cache takes back like any other.
void *calloc(size_t count, size_t size) { return __libc_calloc(count, size); }

void *realloc(void *block, size_t size) { return __libc_realloc(block, size); }

// Swift asks for its default alignment (16, which every glibc block has) through posix_memalign:
// such blocks come from the cache too; stricter alignments, from glibc.
int posix_memalign(void **block, size_t alignment, size_t size) {
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *p = alignment <= 16 ? malloc(size) : __libc_memalign(alignment, size);
    if (!p) return ENOMEM;
    *block = p;
    return 0;
}

void *memalign(size_t alignment, size_t size) { return __libc_memalign(alignment, size); }

void *aligned_alloc(size_t alignment, size_t size) { return __libc_memalign(alignment, size); }

void *valloc(size_t size) { return __libc_valloc(size); }

void *pvalloc(size_t size) { return __libc_pvalloc(size); }

size_t malloc_usable_size(void *block) {
    if (!block) return 0;
    // Swift asks for every array it grows: the once-only look-up is skipped once it is done.
    size_t (*usable)(void *) = __atomic_load_n(&glibcUsableSize, __ATOMIC_ACQUIRE);
    if (!usable) {
        pthread_once(&findOnce, findGlibc);
        usable = glibcUsableSize;
    }
    return usable ? usable(block) : 0;
}

int accord_thread_cache_enabled(void) {
    pthread_once(&setUpOnce, setUp);
    return headerReadable;
}

size_t accord_block_capacity(void *block) { return malloc_usable_size(block); }

#else

int accord_thread_cache_enabled(void) { return 0; }

size_t accord_block_capacity(void *block) { (void)block; return 0; }

#endif
