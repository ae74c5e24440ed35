package io.liveguard.web.system;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Operation ids a client generator can turn into method names, the same from one release
 * to the next. An operation is named after its controller method, as springdoc names it,
 * unless controllers of two features use the same method name ({@code start},
 * {@code status}, {@code restart}...): those get the feature too
 * ({@code startPenaltyRun}, {@code startRescore}), where springdoc would number them
 * ({@code start_1}, {@code start_2}) in whatever order it read the controllers. An id a
 * controller names itself ({@code @Operation(operationId = ...)}) is kept.
 */
final class OperationIds implements OperationCustomizer {

	private static final String CONTROLLER = "Controller";

	private final Supplier<Set<String>> sharedNames;

	OperationIds(RequestMappingHandlerMapping handlerMapping) {
		this.sharedNames = SingletonSupplier.of(() -> sharedNames(handlerMapping.getHandlerMethods().values()));
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		io.swagger.v3.oas.annotations.Operation declared = AnnotatedElementUtils
			.findMergedAnnotation(handlerMethod.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
		if (declared != null && !declared.operationId().isEmpty()) {
			return operation;
		}
		String name = handlerMethod.getMethod().getName();
		operation
			.setOperationId(this.sharedNames.get().contains(name) ? name + feature(handlerMethod.getBeanType()) : name);
		return operation;
	}

	/** The names of the described API methods that more than one controller uses. */
	private static Set<String> sharedNames(Iterable<HandlerMethod> handlerMethods) {
		Map<String, Set<Class<?>>> controllers = new HashMap<>();
		for (HandlerMethod method : handlerMethods) {
			if (isDescribed(method)) {
				controllers.computeIfAbsent(method.getMethod().getName(), (name) -> new HashSet<>())
					.add(method.getBeanType());
			}
		}
		return controllers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().size() > 1)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The application's own REST operations that the description shows (not pages, not
	 * hidden ones).
	 */
	private static boolean isDescribed(HandlerMethod method) {
		Class<?> type = method.getBeanType();
		if (!type.getPackageName().startsWith("io.liveguard.web.")
				|| !AnnotatedElementUtils.hasAnnotation(type, ResponseBody.class)
				|| AnnotatedElementUtils.hasAnnotation(type, Hidden.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getMethod(), Hidden.class)) {
			return false;
		}
		io.swagger.v3.oas.annotations.Operation declared = AnnotatedElementUtils
			.findMergedAnnotation(method.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
		return declared == null || !declared.hidden();
	}

	/** {@code PenaltyRunController} is the feature {@code PenaltyRun}. */
	private static String feature(Class<?> controller) {
		String name = controller.getSimpleName();
		return name.endsWith(CONTROLLER) ? name.substring(0, name.length() - CONTROLLER.length()) : name;
	}

}
