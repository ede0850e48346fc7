package io.adamant.training;

import java.util.UUID;

import jakarta.validation.Valid;

import io.adamant.security.Caller;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PredictionController {

	private final Predictions predictions;

	PredictionController(Predictions predictions) {
		this.predictions = predictions;
	}

	@PostMapping("/api/v1/jobs/{id}/predict")
	PredictionView predict(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID checkpoint,
			@Valid @RequestBody PredictRequest request) {
		return this.predictions.predict(caller, id, checkpoint, request.features());
	}

}
