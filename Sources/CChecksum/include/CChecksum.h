#ifndef CCHECKSUM_H
#define CCHECKSUM_H
#include <stddef.h>
#include <stdint.h>

/// Whether this CPU can run `cchecksum_crc32_fold` (x86-64 with PCLMULQDQ and SSE4.1).
int cchecksum_has_crc32_fold(void);

/// zlib's CRC-32 (reflected polynomial 0xEDB88320) of `length` bytes, continuing `crc` (the CRC of the
/// bytes before, 0 for none), by carry-less multiplication folding 64 bytes per step. `length` must
/// be at least 64 and a multiple of 16; only call it when `cchecksum_has_crc32_fold()` is true.
uint32_t cchecksum_crc32_fold(uint32_t crc, const uint8_t *bytes, size_t length);

/// zlib's Adler-32 (RFC 1950) of `length` bytes, continuing `adler` (1 for none); SSE2 where the
/// target has it (every x86-64), else byte by byte.
uint32_t cchecksum_adler32(uint32_t adler, const uint8_t *bytes, size_t length);
#endif
