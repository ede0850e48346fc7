package io.adamant.dataset;

/**
 * An image file sent to predict on.
 *
 * @param field names it in problems, e.g. {@code images[0]}
 * @param content a PNG or JPEG file
 */
public record ImageFile(String field, byte[] content) {
}
