package io.parcours.config;

/** One field of a request that could not be accepted, named by its JSON path. */
public record FieldProblem(String field, String message) {
}
