package io.adamant.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import io.adamant.api.InvalidRequestException;
import io.adamant.dataset.ImageFile;
import io.adamant.security.Caller;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Predictions with a trained job's network.
 */
@RestController
class PredictionController {

	/** Images one multipart request may send, as many as a JSON one may. */
	private static final int MAX_IMAGES = 1_000;

	private final Predictions predictions;

	PredictionController(Predictions predictions) {
		this.predictions = predictions;
	}

	/**
	 * Predicts with a job's trained network: class probabilities for classification,
	 * values for regression. Send rows of raw features, or base64 PNG or JPEG images for
	 * an image-trained job; the job's normaliser is applied.
	 * @param checkpoint a checkpoint of the job to predict with; its final one if left
	 * out
	 */
	@Operation(operationId = "predict")
	@ApiResponse(responseCode = "200", description = "One prediction per row, with the checkpoint and epoch used")
	@ApiResponse(responseCode = "409", description = "The job has no final checkpoint to predict with yet")
	@PostMapping("/api/v1/jobs/{id}/predict")
	PredictionView predict(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID checkpoint,
			@Valid @RequestBody PredictRequest request) {
		if (request.features() != null && request.images() != null) {
			throw InvalidRequestException.forField("images", "cannot be combined with features: send one or the other");
		}
		if (request.images() != null) {
			return this.predictions.predictImages(caller, id, checkpoint, decode(request.images()), "images");
		}
		if (request.features() == null) {
			throw InvalidRequestException.forField("features",
					"is required: rows of features, or images (base64 PNG or JPEG files) in images");
		}
		return this.predictions.predict(caller, id, checkpoint, request.features());
	}

	/**
	 * Predicts from image files sent as {@code image} parts of a form, as curl's
	 * {@code -F image=@cat.png} sends them.
	 * @param checkpoint a checkpoint of the job to predict with; its final one if left
	 * out
	 * @return one prediction per image
	 */
	// the same operation as the JSON one: OpenAPI has one operation per path and method
	@Operation(operationId = "predict")
	@ApiResponse(responseCode = "200", description = "One prediction per image, with the checkpoint and epoch used")
	@ApiResponse(responseCode = "409", description = "The job has no final checkpoint to predict with yet")
	@PostMapping(path = "/api/v1/jobs/{id}/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	PredictionView predictUploaded(Caller caller, @PathVariable UUID id,
			@RequestParam(required = false) UUID checkpoint,
			@RequestParam(name = "image", required = false) List<MultipartFile> images) {
		if (images == null || images.isEmpty()) {
			throw InvalidRequestException.forField("image", "is required: one or more PNG or JPEG files");
		}
		if (images.size() > MAX_IMAGES) {
			throw InvalidRequestException.forField("image",
					"%d images are more than the %d one request may send".formatted(images.size(), MAX_IMAGES));
		}
		List<ImageFile> files = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			files.add(new ImageFile("image[%d]".formatted(i), bytes(images.get(i))));
		}
		return this.predictions.predictImages(caller, id, checkpoint, files, "image");
	}

	private static List<ImageFile> decode(List<String> images) {
		List<ImageFile> files = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			String field = "images[%d]".formatted(i);
			String text = images.get(i).strip();
			// a data: URL, as a browser's FileReader gives it, is the base64 after the
			// comma
			if (text.startsWith("data:") && text.contains(",")) {
				text = text.substring(text.indexOf(',') + 1);
			}
			try {
				files.add(new ImageFile(field, Base64.getDecoder().decode(text)));
			}
			catch (IllegalArgumentException ex) {
				throw InvalidRequestException.forField(field, "is not base64: " + ex.getMessage());
			}
		}
		return files;
	}

	private static byte[] bytes(MultipartFile image) {
		try {
			return image.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read an uploaded image", ex);
		}
	}

}
