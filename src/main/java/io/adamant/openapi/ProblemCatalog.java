package io.adamant.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.adamant.api.ProblemTypes;

/**
 * The problem types the API answers with, as the OpenAPI document describes them: the
 * status each comes with, its title (as {@code ApiExceptionHandler} and the {@code api}
 * exceptions set it), when it happens and an example body.
 */
final class ProblemCatalog {

	/**
	 * One problem type.
	 *
	 * @param slug the last part of its type URI
	 * @param status the HTTP status it comes with
	 * @param title its title
	 * @param when when the API answers with it
	 * @param example an example problem body
	 */
	record Entry(String slug, int status, String title, String when, Map<String, Object> example) {

		String uri() {
			return ProblemTypes.URI_PREFIX + this.slug;
		}

	}

	/** In the order the document lists them. */
	static final List<Entry> ENTRIES = List.of(
			new Entry(ProblemTypes.INVALID_REQUEST, 400, "Invalid request",
					"values out of range, missing fields, an unknown dataset, bad query or path parameters; "
							+ "`errors` names every field at fault",
					problem(ProblemTypes.INVALID_REQUEST, "Invalid request", 400,
							"The request has 2 invalid field(s): optimizer.learningRate: must be greater than 0; "
									+ "training.epochs: must be greater than 0",
							"/api/v1/jobs",
							List.of(field("optimizer.learningRate", "must be greater than 0"),
									field("training.epochs", "must be greater than 0")))),
			new Entry(ProblemTypes.MALFORMED_REQUEST, 400, "Malformed request body",
					"the body cannot be read: malformed JSON, a value of the wrong type, an unknown enum value, "
							+ "an unknown `type` of a polymorphic part, an unknown field; `errors` names the first "
							+ "such field",
					problem(ProblemTypes.MALFORMED_REQUEST, "Malformed request body", 400,
							"optimizer.type: 'adamm' is not a known type; one of [adadelta, adagrad, adam, adamax, "
									+ "adamw, amsgrad, momentum, nadam, nesterov, rmsprop, sgd]",
							"/api/v1/jobs",
							List.of(field("optimizer.type",
									"'adamm' is not a known type; one of [adadelta, adagrad, adam, adamax, adamw, "
											+ "amsgrad, momentum, nadam, nesterov, rmsprop, sgd]")))),
			new Entry(ProblemTypes.NOT_FOUND, 404, "Not found",
					"no job, sweep, checkpoint, dataset or key with that id or name, or one of another owner",
					problem(ProblemTypes.NOT_FOUND, "Not found", 404,
							"No job has id 5b3f2e0c-8d1a-4c57-9a7e-2f0d6b1c9e44",
							"/api/v1/jobs/5b3f2e0c-8d1a-4c57-9a7e-2f0d6b1c9e44", List.of())),
			new Entry(ProblemTypes.CONFLICT, 409, "Conflict with the resource's state",
					"the resource's state does not allow the request: cancelling a job that has ended, predicting "
							+ "with a job that has no final checkpoint, a dataset name that is taken, deleting a "
							+ "dataset that is in use or built in",
					problem(ProblemTypes.CONFLICT, "Conflict with the resource's state", 409,
							"Job 5b3f2e0c-8d1a-4c57-9a7e-2f0d6b1c9e44 has already ended with status SUCCEEDED",
							"/api/v1/jobs/5b3f2e0c-8d1a-4c57-9a7e-2f0d6b1c9e44/cancel", List.of())),
			new Entry(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload too large",
					"an upload over the service's limit (`adamant.datasets.max-upload-size`) or the key's "
							+ "`maxDatasetBytes` quota; a JSON body over `adamant.security.max-json-body`",
					problem(ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", 413,
							"file: is larger than the 50MB limit", "/api/v1/datasets",
							List.of(field("file", "is larger than the 50MB limit")))),
			new Entry(ProblemTypes.UNAUTHORIZED, 401, "Authentication required",
					"no API key (`Authorization: Bearer <key>` or `X-API-Key`), or one that is unknown, expired or "
							+ "revoked",
					problem(ProblemTypes.UNAUTHORIZED, "Authentication required", 401,
							"The API key is unknown, expired or revoked", "/api/v1/jobs", List.of())),
			new Entry(ProblemTypes.FORBIDDEN, 403, "Forbidden", "a user key on an admin endpoint",
					problem(ProblemTypes.FORBIDDEN, "Forbidden", 403, "Only an admin key may do this",
							"/api/v1/admin/keys", List.of())),
			new Entry(ProblemTypes.IDEMPOTENCY_KEY_REUSED, 422, "Idempotency key reused",
					"an `Idempotency-Key` sent again with a different request body",
					problem(ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", 422,
							"key 'b1f4…' was first used with a different request body; use a new key for a new request",
							"/api/v1/jobs",
							List.of(field("Idempotency-Key",
									"key 'b1f4…' was first used with a different request body; use a new key for a "
											+ "new request")))),
			new Entry(ProblemTypes.QUOTA_EXCEEDED, 429, "Quota exceeded",
					"the key's `maxActiveJobs` or `maxStorageBytes` quota is used up; `errors` names the quota",
					problem(ProblemTypes.QUOTA_EXCEEDED, "Quota exceeded", 429,
							"you have 100 jobs queued or running, the most your key allows (maxActiveJobs = 100); "
									+ "wait for one to end or cancel one",
							"/api/v1/jobs",
							List.of(field("quota.maxActiveJobs",
									"you have 100 jobs queued or running, the most your key allows (maxActiveJobs = "
											+ "100); wait for one to end or cancel one")))),
			new Entry(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service unavailable",
					"the database cannot be reached just now (retry), too many open event streams on the instance, "
							+ "or it is shutting down",
					problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", 503,
							"This instance serves 200 event streams already; retry later", "/api/v1/jobs/{id}/events",
							List.of())),
			new Entry(ProblemTypes.INTERNAL_ERROR, 500, "Internal error",
					"anything else; the error is logged, and the body says nothing about the internals",
					problem(ProblemTypes.INTERNAL_ERROR, "Internal error", 500,
							"The service failed to handle the request; the error is logged.", "/api/v1/jobs",
							List.of())));

	/**
	 * Spring MVC's own refusals (a wrong method, an unsupported content type, …) come as
	 * problems too, typed by their status.
	 */
	static final String HTTP_STATUS_TYPES = ProblemTypes.URI_PREFIX + ProblemTypes.HTTP_STATUS_PREFIX + "{status}";

	private ProblemCatalog() {
	}

	static List<Entry> forStatus(int status) {
		return ENTRIES.stream().filter(entry -> entry.status() == status).toList();
	}

	/** A refusal of Spring MVC's, e.g. 415, as a problem body. */
	static Map<String, Object> httpStatusExample(int status, String title, String detail, String instance) {
		return problem(ProblemTypes.HTTP_STATUS_PREFIX + status, title, status, detail, instance, List.of());
	}

	private static Map<String, Object> problem(String slug, String title, int status, String detail, String instance,
			List<Map<String, Object>> errors) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ProblemTypes.URI_PREFIX + slug);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", instance);
		if (!errors.isEmpty()) {
			problem.put("errors", errors);
		}
		return problem;
	}

	private static Map<String, Object> field(String field, String message) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("field", field);
		problem.put("message", message);
		return problem;
	}

}
