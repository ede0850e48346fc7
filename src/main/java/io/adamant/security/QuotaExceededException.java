package io.adamant.security;

import java.util.List;

import io.adamant.api.ApiException;
import io.adamant.api.ProblemTypes;
import io.adamant.api.FieldProblem;

import org.springframework.http.HttpStatus;

/**
 * A request the caller's quota does not allow now; it may later, once jobs end or storage
 * is freed ({@code 429}).
 */
public class QuotaExceededException extends ApiException {

	private QuotaExceededException(String quota, String detail) {
		super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.QUOTA_EXCEEDED, "Quota exceeded", detail,
				List.of(new FieldProblem("quota." + quota, detail)));
	}

	public static QuotaExceededException activeJobs(int limit) {
		return new QuotaExceededException("maxActiveJobs",
				"you have %d jobs queued or running, the most your key allows (maxActiveJobs = %d); wait for one to end or cancel one"
					.formatted(limit, limit));
	}

	public static QuotaExceededException storage(long used, long limit) {
		return new QuotaExceededException("maxStorageBytes",
				"your datasets and checkpoints take %,d bytes of the %,d your key allows (maxStorageBytes); delete datasets to free space"
					.formatted(used, limit));
	}

}
