package io.recsys.pipelines.common.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionHashTest {

    @Test
    void sha256HexIsLowercaseHexOfTheDigest() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", VersionHash.sha256Hex(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                VersionHash.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)));
    }
}
