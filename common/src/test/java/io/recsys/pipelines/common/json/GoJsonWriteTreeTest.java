package io.recsys.pipelines.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonWriteTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String reencode(String json) throws Exception {
        return new String(GoJson.writeTree(MAPPER.readTree(json)), StandardCharsets.UTF_8);
    }

    @Test
    void removesWhitespaceAndKeepsDocumentKeyOrder() throws Exception {
        assertEquals("{\"z\":1,\"a\":[true,false,null],\"m\":{}}",
                reencode("{ \"z\" : 1,\n  \"a\": [ true, false, null ], \"m\": { } }"));
    }

    @Test
    void integersStayIntegersIncludingBeyondLong() throws Exception {
        assertEquals("[0,-7,2147483648,9223372036854775807,123456789012345678901234567890]",
                reencode("[0, -7, 2147483648, 9223372036854775807, 123456789012345678901234567890]"));
    }

    @Test
    void fractionalNumbersAreReformattedAsGoFloat64() throws Exception {
        assertEquals("[1,1.5,0.1,1e-7,1e+21,0.000001,100]",
                reencode("[1.0, 1.50, 1e-1, 0.0000001, 1E21, 1e-6, 1.0e2]"));
    }

    @Test
    void stringsAreReescapedTheGoWay() throws Exception {
        assertEquals("[\"\\u003c\\u0026\\u003e\",\"\u00e9\\u2028\",\"\\u0001\\n\"]",
                reencode("[\"<&>\", \"\\u00e9\\u2028\", \"\\u0001\\u000a\"]"));
    }
}
