// Adler-32 (RFC 1950) with SSE2, 32 bytes a step: about eight times zlib's `adler32` (the zlib
// stream of every chart PNG ends with the Adler-32 of 1.75 MB of scanlines). The same split as
// zlib-ng's and Chromium's vector Adler-32: for a stretch of n bytes b[0..n), s1 grows by the sum of
// the bytes and s2 by n * s1 plus the bytes weighted n, n-1, ..., 1; each stretch is at most NMAX
// bytes, the most whose sums cannot overflow 32 bits before they are reduced modulo 65521.
#include "CChecksum.h"

enum { BASE = 65521, NMAX = 5552 };

#if defined(__SSE2__)
#include <emmintrin.h>

static uint32_t sum_lanes(__m128i v) {
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
    return (uint32_t)_mm_cvtsi128_si32(v);
}
#endif

uint32_t cchecksum_adler32(uint32_t adler, const uint8_t *bytes, size_t length) {
    uint32_t s1 = adler & 0xFFFF, s2 = adler >> 16;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    // Weights of the 32 bytes of a step, as 16-bit lanes: 32 down to 1.
    const __m128i w0 = _mm_setr_epi16(32, 31, 30, 29, 28, 27, 26, 25), w1 = _mm_setr_epi16(24, 23, 22, 21, 20, 19, 18, 17);
    const __m128i w2 = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9), w3 = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
    while (length >= 32) {
        size_t steps = (length < NMAX ? length : NMAX) / 32;
        length -= steps * 32;
        // vs1: s1 in lanes; vs1_before: the sum of s1 before each step (each counts 32 times in s2).
        __m128i vs1 = _mm_cvtsi32_si128((int)s1), vs2 = _mm_cvtsi32_si128((int)s2), vs1_before = zero;
        while (steps--) {
            __m128i a = _mm_loadu_si128((const __m128i *)bytes), b = _mm_loadu_si128((const __m128i *)(bytes + 16));
            vs1_before = _mm_add_epi32(vs1_before, vs1);
            vs1 = _mm_add_epi32(vs1, _mm_add_epi32(_mm_sad_epu8(a, zero), _mm_sad_epu8(b, zero)));
            __m128i weighted = _mm_add_epi32(
                _mm_add_epi32(_mm_madd_epi16(_mm_unpacklo_epi8(a, zero), w0), _mm_madd_epi16(_mm_unpackhi_epi8(a, zero), w1)),
                _mm_add_epi32(_mm_madd_epi16(_mm_unpacklo_epi8(b, zero), w2), _mm_madd_epi16(_mm_unpackhi_epi8(b, zero), w3)));
            vs2 = _mm_add_epi32(vs2, weighted);
            bytes += 32;
        }
        vs2 = _mm_add_epi32(vs2, _mm_slli_epi32(vs1_before, 5));
        s1 = sum_lanes(vs1) % BASE;
        s2 = sum_lanes(vs2) % BASE;
    }
#endif
    while (length > 0) {
        size_t n = length < NMAX ? length : NMAX;
        length -= n;
        while (n--) {
            s1 += *bytes++;
            s2 += s1;
        }
        s1 %= BASE;
        s2 %= BASE;
    }
    return s2 << 16 | s1;
}
