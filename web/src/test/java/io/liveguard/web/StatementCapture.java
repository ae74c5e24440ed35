package io.liveguard.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records the SQL the application sends, with the values bound to it, on the calling
 * thread only and only while {@link #during} runs; so a test can EXPLAIN exactly the
 * statements production code executes, never a copy of them.
 */
final class StatementCapture implements BeanPostProcessor {

	private static final ThreadLocal<@Nullable List<Captured>> capturing = new ThreadLocal<>();

	/** The statements {@code action} executes on this thread. */
	static List<Captured> during(Runnable action) {
		List<Captured> captured = new ArrayList<>();
		capturing.set(captured);
		try {
			action.run();
		}
		finally {
			capturing.remove();
		}
		return captured;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Recording)) {
			return new Recording(dataSource);
		}
		return bean;
	}

	/**
	 * One statement as executed.
	 *
	 * @param sql the SQL with {@code ?} placeholders
	 * @param bindings the {@code setXxx(index, value, ...)} calls made on it, in order
	 */
	record Captured(String sql, List<Binding> bindings) {

		/**
		 * Prepares {@code prefix + sql} on {@code connection} with the same values bound.
		 */
		PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
			PreparedStatement statement = connection.prepareStatement(prefix + this.sql);
			for (Binding binding : this.bindings) {
				try {
					binding.method().invoke(statement, binding.args());
				}
				catch (IllegalAccessException | InvocationTargetException ex) {
					throw new SQLException("cannot bind " + binding.method().getName(), ex);
				}
			}
			return statement;
		}

	}

	record Binding(Method method, Object[] args) {
	}

	private static final class Recording extends DelegatingDataSource {

		Recording(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return recording(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return recording(super.getConnection(username, password));
		}

		private static Connection recording(Connection connection) {
			return proxy(Connection.class, connection, (method, args, result) -> {
				List<Captured> captured = capturing.get();
				if (captured == null) {
					return result;
				}
				if (result instanceof PreparedStatement statement && method.getName().startsWith("prepare")) {
					Captured one = new Captured((String) args[0], new ArrayList<>());
					captured.add(one);
					return proxy(PreparedStatement.class, statement, (call, callArgs, callResult) -> {
						if (call.getName().startsWith("set") && callArgs != null && callArgs.length >= 2
								&& callArgs[0] instanceof Integer) {
							one.bindings().add(new Binding(call, callArgs.clone()));
						}
						return callResult;
					});
				}
				if (result instanceof Statement statement && method.getName().equals("createStatement")) {
					return proxy(Statement.class, statement, (call, callArgs, callResult) -> {
						if (call.getName().startsWith("execute") && callArgs != null && callArgs.length >= 1
								&& callArgs[0] instanceof String sql) {
							captured.add(new Captured(sql, List.of()));
						}
						return callResult;
					});
				}
				return result;
			});
		}

	}

	private interface AfterCall {

		@Nullable Object after(Method method, @Nullable Object[] args, @Nullable Object result) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, AfterCall after) {
		return (T) Proxy.newProxyInstance(StatementCapture.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					Object result;
					try {
						result = method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					return after.after(method, args, result);
				});
	}

}
