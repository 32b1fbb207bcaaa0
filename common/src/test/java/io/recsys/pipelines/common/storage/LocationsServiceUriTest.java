package io.recsys.pipelines.common.storage;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Manifests name blobs the way the service's S3 client reads them (contract section 5). */
class LocationsServiceUriTest {

    @Test
    void s3aBlobsAreNamedS3BucketKey() {
        Path blob = new Path(Locations.resolve("s3a://recsys-artifacts/"), "demo/home/popularity/abc.json");

        assertEquals("s3://recsys-artifacts/demo/home/popularity/abc.json", Locations.serviceUri(blob));
    }

    @Test
    void s3UrisReadBackThroughS3a() {
        assertEquals(new Path("s3a://recsys-artifacts/registry/current/demo/home/manifest.json"),
                Locations.fromServiceUri("s3://recsys-artifacts/registry/current/demo/home/manifest.json"));
    }
}
