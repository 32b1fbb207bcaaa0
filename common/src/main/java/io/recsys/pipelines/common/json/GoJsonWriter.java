package io.recsys.pipelines.common.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams compact JSON with the exact bytes Go's {@code encoding/json} Marshal produces (no
 * whitespace, Go string escaping, Go float64 formatting). Commas are inserted automatically.
 * Misuse (a value where a name is due, unbalanced containers) fails fast with
 * {@link IllegalStateException}, because a malformed artifact would only be noticed by the service.
 *
 * <p>Not thread-safe; one writer per document.
 */
public final class GoJsonWriter {
    private enum Scope { ARRAY, OBJECT_EXPECTING_NAME, OBJECT_EXPECTING_VALUE }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** True when the last thing written completed an element, so the next one needs a comma. */
    private boolean elementDone;

    public GoJsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_EXPECTING_NAME);
        elementDone = false;
        return this;
    }

    public GoJsonWriter endObject() {
        if (scopes.peek() != Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("endObject outside an object or after a dangling name");
        }
        return endContainer('}');
    }

    public GoJsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        elementDone = false;
        return this;
    }

    public GoJsonWriter endArray() {
        if (scopes.peek() != Scope.ARRAY) {
            throw new IllegalStateException("endArray outside an array");
        }
        return endContainer(']');
    }

    public GoJsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("name '" + name + "' is only allowed where an object key is due");
        }
        if (elementDone) {
            out.append(',');
        }
        GoStringEscaper.appendQuoted(out, name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_EXPECTING_VALUE);
        elementDone = false;
        return this;
    }

    /** Writes a string value; {@code null} is not accepted because artifacts never carry null strings. */
    public GoJsonWriter value(String value) {
        if (value == null) {
            throw new IllegalArgumentException("null string value; use valueNull() for an explicit null");
        }
        beforeValue();
        GoStringEscaper.appendQuoted(out, value);
        return afterValue();
    }

    public GoJsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return afterValue();
    }

    /** Writes a float64 as Go does; NaN and infinities throw {@link IllegalArgumentException}. */
    public GoJsonWriter value(double value) {
        String formatted = GoFloatFormat.format(value);
        beforeValue();
        out.append(formatted);
        return afterValue();
    }

    public GoJsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return afterValue();
    }

    public GoJsonWriter valueNull() {
        beforeValue();
        out.append("null");
        return afterValue();
    }

    /** Appends an integer already in plain decimal form (integers beyond {@code long}). */
    GoJsonWriter rawInteger(String digits) {
        beforeValue();
        out.append(digits);
        return afterValue();
    }

    /**
     * The finished document as UTF-8; lone surrogates were already replaced, so this is lossless.
     * Throws {@link IllegalStateException} if the document is empty or has unclosed containers.
     */
    public byte[] toBytes() {
        if (!scopes.isEmpty() || out.length() == 0) {
            throw new IllegalStateException("JSON document is incomplete: " + out);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON written so far (complete or not), for tests and debugging. */
    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        if (scope == Scope.OBJECT_EXPECTING_NAME) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        if (scope == null && out.length() > 0) {
            throw new IllegalStateException("a JSON document has exactly one top-level value");
        }
        if (scope == Scope.ARRAY && elementDone) {
            out.append(',');
        }
    }

    private GoJsonWriter afterValue() {
        if (scopes.peek() == Scope.OBJECT_EXPECTING_VALUE) {
            scopes.pop();
            scopes.push(Scope.OBJECT_EXPECTING_NAME);
        }
        elementDone = true;
        return this;
    }

    private GoJsonWriter endContainer(char close) {
        out.append(close);
        scopes.pop();
        return afterValue();
    }
}
