package io.recsys.pipelines.jobs.canonicalize;

import io.recsys.pipelines.common.events.CanonicalEvent;

import java.nio.charset.StandardCharsets;

/**
 * A 128-bit fingerprint of an event's normalized fields (MurmurHash3 x64 128), the key of the
 * exact-duplicate check: two events are duplicates when all of their normalized fields are equal,
 * and then their fingerprints are equal. Every field is written with a presence byte and strings
 * with their length, so different events never encode to the same bytes.
 *
 * <p>Why comparing fingerprints instead of the fields is safe: duplicates are only looked for
 * among the rows of one (tenant, surface, day); for n such rows the chance that two different
 * events share a 128-bit fingerprint is at most n^2 / 2^129, about 1.5e-19 for ten billion events
 * in one day of one pair. MurmurHash3 is not cryptographic, so someone who can send events could
 * craft two that collide; the effect is that one of their own events is counted once, which they
 * could equally get by not sending it.
 */
public final class EventHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private byte[] buffer = new byte[256];
    private int length;

    /** The two halves of the fingerprint of {@code e}. */
    public long[] of(CanonicalEvent e, boolean exposure) {
        length = 0;
        putString(e.tenant());
        putString(e.surface());
        putString(e.sessionId());
        putString(e.itemId());
        putString(e.userId());
        putString(e.requestId());
        if (exposure) {
            putLong(e.rank());
        } else {
            putString(e.eventType());
            Double value = e.value();
            putByte(value == null ? 0 : 1);
            if (value != null) {
                putLong(Double.doubleToLongBits(value));
            }
        }
        putLong(e.tsMicros());
        return murmur3x64x128(buffer, length);
    }

    private void putString(String s) {
        if (s == null) {
            putByte(0);
            return;
        }
        putByte(1);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void putLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
    }

    private void putByte(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    /** MurmurHash3_x64_128 (Austin Appleby, public domain), seed 0, little-endian blocks. */
    @SuppressWarnings("fallthrough")
    static long[] murmur3x64x128(byte[] data, int len) {
        long h1 = 0;
        long h2 = 0;
        int blocks = len / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = getLong(data, i * 16);
            long k2 = getLong(data, i * 16 + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        long k1 = 0;
        long k2 = 0;
        switch (len & 15) {
            case 15: k2 ^= (long) (data[tail + 14] & 0xff) << 48;
            case 14: k2 ^= (long) (data[tail + 13] & 0xff) << 40;
            case 13: k2 ^= (long) (data[tail + 12] & 0xff) << 32;
            case 12: k2 ^= (long) (data[tail + 11] & 0xff) << 24;
            case 11: k2 ^= (long) (data[tail + 10] & 0xff) << 16;
            case 10: k2 ^= (long) (data[tail + 9] & 0xff) << 8;
            case 9:
                k2 ^= data[tail + 8] & 0xff;
                k2 *= C2;
                k2 = Long.rotateLeft(k2, 33);
                k2 *= C1;
                h2 ^= k2;
            case 8: k1 ^= (long) (data[tail + 7] & 0xff) << 56;
            case 7: k1 ^= (long) (data[tail + 6] & 0xff) << 48;
            case 6: k1 ^= (long) (data[tail + 5] & 0xff) << 40;
            case 5: k1 ^= (long) (data[tail + 4] & 0xff) << 32;
            case 4: k1 ^= (long) (data[tail + 3] & 0xff) << 24;
            case 3: k1 ^= (long) (data[tail + 2] & 0xff) << 16;
            case 2: k1 ^= (long) (data[tail + 1] & 0xff) << 8;
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= C1;
                k1 = Long.rotateLeft(k1, 31);
                k1 *= C2;
                h1 ^= k1;
            default:
                break;
        }
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long getLong(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
                | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
