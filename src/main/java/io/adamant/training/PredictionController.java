package io.adamant.training;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import io.adamant.security.Caller;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Predictions with a trained job's network.
 */
@RestController
class PredictionController {

	private final Predictions predictions;

	PredictionController(Predictions predictions) {
		this.predictions = predictions;
	}

	/**
	 * Predicts with a job's trained network: class probabilities for classification,
	 * values for regression. Features are given raw; the job's normaliser is applied.
	 * @param checkpoint a checkpoint of the job to predict with; its final one if left
	 * out
	 */
	@Operation(operationId = "predict")
	@ApiResponse(responseCode = "200", description = "One prediction per row, with the checkpoint and epoch used")
	@ApiResponse(responseCode = "409", description = "The job has no final checkpoint to predict with yet")
	@PostMapping("/api/v1/jobs/{id}/predict")
	PredictionView predict(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID checkpoint,
			@Valid @RequestBody PredictRequest request) {
		return this.predictions.predict(caller, id, checkpoint, request.features());
	}

}
