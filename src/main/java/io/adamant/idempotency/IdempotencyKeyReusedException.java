package io.adamant.idempotency;

import java.util.List;

import io.adamant.api.ApiException;
import io.adamant.api.ProblemTypes;
import io.adamant.api.FieldProblem;

import org.springframework.http.HttpStatus;

/** An {@code Idempotency-Key} that was first sent with another request body. */
public class IdempotencyKeyReusedException extends ApiException {

	private IdempotencyKeyReusedException(String detail) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", detail,
				List.of(new FieldProblem(IdempotentRequests.HEADER, detail)));
	}

	static IdempotencyKeyReusedException forKey(String key) {
		return new IdempotencyKeyReusedException(
				"key '%s' was first used with a different request body; use a new key for a new request"
					.formatted(key));
	}

}
