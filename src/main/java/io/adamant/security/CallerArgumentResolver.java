package io.adamant.security;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a controller method the {@link Caller} the authentication filter found. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		Object caller = request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST);
		if (caller == null) {
			throw AuthenticationRequiredException.missingKey();
		}
		return caller;
	}

}
