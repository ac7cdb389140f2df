/* zlib against libdeflate on chart PNGs (README, Benchmarks > Reports, round 2 of "cheaper runs").
 * Each PNG is decoded with Cairo and turned into what PNGEncoder hands to zlib (unfiltered RGB
 * scanlines, each after a 0 filter byte); that buffer is deflated into one zlib stream by zlib at
 * levels 1 and 3 and by libdeflate at levels 1-6. Prints the least thread CPU time of 15 runs and
 * the size, per image. Not part of the build (libdeflate is not a dependency):
 *   apt-get install libdeflate-dev
 *   cc -O2 Benchmarks/png_deflate.c -o /tmp/png_deflate $(pkg-config --cflags --libs cairo zlib libdeflate)
 *   /tmp/png_deflate CHART.png...   (e.g. the PNGs in .build/bench-report/out/r2k/charts)
 */
#include <cairo.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zlib.h>

enum { RUNS = 15 };

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    for (int f = 1; f < argc; f++) {
        cairo_surface_t *image = cairo_image_surface_create_from_png(argv[f]);
        if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "%s: not a PNG Cairo can read\n", argv[f]);
            return 2;
        }
        int width = cairo_image_surface_get_width(image), height = cairo_image_surface_get_height(image);
        int stride = cairo_image_surface_get_stride(image);
        const unsigned char *pixels = cairo_image_surface_get_data(image);
        size_t size = (size_t)height * (1 + 3 * (size_t)width), o = 0;
        unsigned char *raw = malloc(size), *out = malloc(size + 1024);
        for (int y = 0; y < height; y++) {
            const unsigned *row = (const unsigned *)(pixels + (size_t)y * stride);
            raw[o++] = 0;
            for (int x = 0; x < width; x++) {
                raw[o++] = row[x] >> 16;
                raw[o++] = row[x] >> 8;
                raw[o++] = row[x];
            }
        }
        printf("%s (%d x %d)\n", argv[f], width, height);
        for (int level = 1; level <= 3; level += 2) {
            double least = 1e9;
            uLongf written = 0;
            for (int i = 0; i < RUNS; i++) {
                written = size + 1024;
                double t = cpu_seconds();
                compress2(out, &written, raw, size, level);
                t = cpu_seconds() - t;
                if (t < least) least = t;
            }
            printf("  zlib %d:       %6.2f ms %8lu bytes\n", level, least * 1e3, (unsigned long)written);
        }
        for (int level = 1; level <= 6; level++) {
            struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(level);
            double least = 1e9;
            size_t written = 0;
            for (int i = 0; i < RUNS; i++) {
                double t = cpu_seconds();
                written = libdeflate_zlib_compress(compressor, raw, size, out, size + 1024);
                t = cpu_seconds() - t;
                if (t < least) least = t;
            }
            printf("  libdeflate %d: %6.2f ms %8zu bytes\n", level, least * 1e3, written);
            libdeflate_free_compressor(compressor);
        }
        free(raw);
        free(out);
        cairo_surface_destroy(image);
    }
    return 0;
}
