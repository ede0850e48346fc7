package io.adamant.api;

/**
 * One thing wrong with a request, named by its JSON path (e.g.
 * {@code optimizer.learningRate}) or its query parameter.
 *
 * @param field the field's path in the request
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {
}
