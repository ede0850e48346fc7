package io.adamant.dataset;

import java.util.List;

import io.adamant.api.InvalidRequestException;
import io.adamant.api.PayloadTooLargeException;

import org.springframework.stereotype.Component;

/**
 * Images sent to predict on, made into rows of an image dataset: decoded, resized and
 * scaled exactly as the images of an uploaded zip were, so that a network sees them as it
 * saw its training images.
 */
@Component
public class ImageInputs {

	private final ImageDecoder decoder;

	private final Datasets datasets;

	ImageInputs(DatasetProperties properties, Datasets datasets) {
		this.decoder = new ImageDecoder(properties.images().maxPixels());
		this.datasets = datasets;
	}

	/**
	 * Image files as rows of {@code dataset}'s features, one after another: each
	 * [channels, height, width], every value in [0, 1].
	 * @param field names the images in a problem that concerns them all
	 * @throws InvalidRequestException naming the image that is not a PNG or JPEG file, or
	 * the field when the dataset does not take image files
	 * @throws PayloadTooLargeException when an image has more pixels than an image may
	 */
	public float[] rows(DatasetInfo dataset, List<ImageFile> images, String field) {
		if (dataset.input() != InputKind.IMAGE || !this.datasets.takesImageFiles(dataset.name())) {
			throw InvalidRequestException.forField(field,
					("the job's dataset '%s' is not made of image files (as a zip of images or shapes is); send its"
							+ " rows as features")
						.formatted(dataset.name()));
		}
		int width = dataset.features();
		float[] rows = new float[images.size() * width];
		for (int i = 0; i < images.size(); i++) {
			byte[] pixels = pixels(images.get(i), dataset.shape());
			for (int value = 0; value < width; value++) {
				rows[i * width + value] = DecodedImage.unit(pixels[value]);
			}
		}
		return rows;
	}

	/**
	 * @param shape [channels, height, width]
	 */
	private byte[] pixels(ImageFile image, List<Integer> shape) {
		try {
			return this.decoder.decode(image.content(), shape.get(2), shape.get(1)).channelsFirst(shape.get(0));
		}
		catch (UnreadableImageException ex) {
			throw ex.tooLarge() ? PayloadTooLargeException.forField(image.field(), ex.getMessage())
					: InvalidRequestException.forField(image.field(), ex.getMessage());
		}
	}

}
