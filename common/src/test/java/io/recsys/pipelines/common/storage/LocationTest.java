package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The location value: parsed and checked once, printed as before, named in manifests as the service reads them. */
class LocationTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void s3aBlobsAreNamedS3BucketKey() {
        Location blob = Location.of("s3a://recsys-artifacts/").child("demo", "home", "popularity", "abc.json");

        assertEquals("s3://recsys-artifacts/demo/home/popularity/abc.json", blob.serviceUri());
        assertEquals("s3a://recsys-artifacts/demo/home/popularity/abc.json", blob.toString());
    }

    @Test
    void s3UrisReadBackThroughS3a() {
        assertEquals(Location.parse("s3a://recsys-artifacts/registry/current/demo/home/manifest.json"),
                Location.fromServiceUri("s3://recsys-artifacts/registry/current/demo/home/manifest.json"));
    }

    @Test
    void localPathsAreAbsoluteAndPrintAsHadoopDoes() {
        Location local = Location.of(tmp.resolve("a/../b//c/").toString());

        assertTrue(local.isLocal());
        assertEquals(tmp.resolve("b/c").toString(), local.path());
        assertEquals("file:" + tmp.resolve("b/c"), local.toString());
        assertEquals(Locations.resolve(tmp.resolve("b/c").toString()).toString(), local.toString());
        assertEquals("file://" + tmp.resolve("b/c"), local.serviceUri());
        assertEquals(local, Location.fromServiceUri(local.serviceUri()));
        assertEquals(local, Location.parse("file://" + tmp.resolve("b/c")));
    }

    @Test
    void childParentAndName() {
        Location root = Location.parse("s3a://bucket/registry");
        Location entry = root.child("history", "demo", "home", "00000001.json");

        assertEquals("00000001.json", entry.name());
        assertEquals(Optional.of(root.child("history", "demo", "home")), entry.parent());
        assertTrue(entry.isInside(root));
        assertFalse(root.isInside(entry));
        assertFalse(Location.parse("s3a://bucket/registry-2/x").isInside(root));
        assertFalse(Location.parse("s3a://other/registry/x").isInside(root));
        assertEquals(Optional.empty(), Location.parse("s3a://bucket/").parent());
    }

    @Test
    void malformedLocationsAndNamesAreRefused() {
        Location root = Location.parse("s3a://bucket/registry");
        for (String bad : new String[]{"", ".", "..", "a/b"}) {
            assertThrows(IllegalArgumentException.class, () -> root.child(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Location.parse("s3a:///no-bucket/x"));
        assertThrows(IllegalArgumentException.class, () -> Location.parse("file://host/x"));
        assertThrows(IllegalArgumentException.class, () -> Location.parse("s3a://bucket/../x"));
        assertThrows(IllegalArgumentException.class, () -> Location.parse("relative/x"));
    }

    @Test
    void globAndQueryCharactersStayInThePathAsHadoopKeepsThem() {
        for (String text : new String[]{"s3a://bucket/raw/day?.jsonl", "s3a://bucket/raw/{2026-01-01,2026-01-02}/*.jsonl",
                "s3a://bucket/raw/a#b%20c.jsonl"}) {
            Location l = Location.parse(text);
            assertEquals(new Path(text).toString(), l.toString(), text);
            assertEquals(new Path(text).toString(), Locations.resolve(text).toString(), text);
        }
    }

    @Test
    void hadoopPathsConvertBothWays() {
        Location s3 = Location.parse("s3a://bucket/a b/c");
        Location hdfs = Location.parse("hdfs://namenode:8020/data/x");
        Location local = Location.local(tmp.resolve("x"));

        for (Location l : new Location[]{s3, hdfs, local}) {
            Path path = Locations.toPath(l);
            assertEquals(l.toString(), path.toString());
            assertEquals(l, Locations.of(path));
        }
        assertEquals("s3://bucket/a b/c", Locations.serviceUri(Locations.toPath(s3)));
    }
}
