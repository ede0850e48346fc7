package io.adamant.api;

import java.util.List;
import java.util.stream.LongStream;

import jakarta.servlet.MultipartConfigElement;
import jakarta.validation.ConstraintViolationException;
import io.adamant.database.ConnectionFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem. Client errors name the fields at fault in
 * an {@code errors} member; server errors say nothing about the internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ObjectProvider<MultipartConfigElement> multipartConfig;

	ApiExceptionHandler(ObjectProvider<MultipartConfigElement> multipartConfig) {
		this.multipartConfig = multipartConfig;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApiException(ApiException ex) {
		return problem(ex.status(), ex.type(), ex.title(), ex.getMessage(), ex.errors());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> handleArgumentTypeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = JsonProblems.expected(ex.getRequiredType());
		return invalid(
				List.of(new FieldProblem(ex.getName(), "'%s' is not a valid %s".formatted(ex.getValue(), expected))));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
		return invalid(ex.getConstraintViolations()
			.stream()
			.map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.toList());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		if (ConnectionFailures.isConnectionFailure(ex)) {
			// a database restart: the client may retry; nothing was half-stored
			log.warn("Database unreachable: {}", ex.getMessage());
			return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable",
					"The database cannot be reached just now; retry shortly.", List.of());
		}
		log.error("Unhandled error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"The service failed to handle the request; the error is logged.", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> new FieldProblem(e.getField(), e.getDefaultMessage()))
			.sorted(java.util.Comparator.comparing(FieldProblem::field))
			.toList();
		return asObject(invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(r -> r.getResolvableErrors()
				.stream()
				.map(e -> new FieldProblem(r.getMethodParameter().getParameterName(), e.getDefaultMessage())))
			.toList();
		return asObject(invalid(errors));
	}

	/**
	 * The servlet container refused a multipart request over its limits before any
	 * controller saw it; the client gets the same problem as for a file the controller
	 * finds too large. File parts are the only large parts the API takes.
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return asObject(handleApiException(PayloadTooLargeException.forField("file", multipartLimit())));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JsonBodyLimitFilter.BodyTooLargeException tooLarge) {
				return asObject(handleApiException(JsonBodyLimitFilter.tooLarge(tooLarge.limit())));
			}
		}
		FieldProblem error = JsonProblems.describe(ex);
		return asObject(problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request body",
				error.field() + ": " + error.message(), List.of(error)));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail detail && detail.getType() != null
				&& "about:blank".equals(detail.getType().toString())) {
			detail.setType(ProblemTypes.uri(ProblemTypes.HTTP_STATUS_PREFIX + statusCode.value()));
		}
		return response;
	}

	/**
	 * The smaller of the container's file and request limits: the one a single file
	 * upload runs into.
	 */
	private DataSize multipartLimit() {
		MultipartConfigElement config = this.multipartConfig.getIfAvailable();
		if (config == null) {
			return null;
		}
		long limit = LongStream.of(config.getMaxFileSize(), config.getMaxRequestSize())
			.filter(size -> size > 0)
			.min()
			.orElse(-1);
		return (limit > 0) ? DataSize.ofBytes(limit) : null;
	}

	private static ResponseEntity<ProblemDetail> invalid(List<FieldProblem> errors) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"The request has %d invalid field(s): %s".formatted(errors.size(), ProblemTypes.describe(errors)),
				errors);
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			List<FieldProblem> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(ProblemTypes.uri(type));
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}

}
