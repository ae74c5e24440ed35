package io.liveguard.engine.rulepack.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackCompilationException;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main class of the child JVM that checks a draft: reads one {@link DraftRequest}
 * from standard input, writes {@link DraftReply} lines to standard output, and exits. It
 * holds no limit of its own: the server starts it with a small heap and kills it when it
 * runs too long, which stops work that nothing inside a JVM can stop (a loop in a
 * condition, a join over millions of tuples).
 */
public final class DraftWorker {

	/**
	 * How the replies are written, one JSON object a line; the server reads them with the
	 * same mapper.
	 */
	public static final ObjectMapper JSON = JsonMapper.builder().build();

	private final Consumer<DraftReply> replies;

	private final PackTests tests = new PackTests(new SessionCodec());

	DraftWorker(Consumer<DraftReply> replies) {
		this.replies = replies;
	}

	public static void main(String[] args) throws Exception {
		PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		// whatever Drools or a library prints must not break the reply lines
		System.setOut(System.err);
		int status = 0;
		try {
			DraftRequest request = JSON.readValue(System.in, DraftRequest.class);
			new DraftWorker((reply) -> protocol.println(JSON.writeValueAsString(reply))).handle(request);
		}
		catch (Exception | StackOverflowError ex) {
			protocol.println(JSON.writeValueAsString(new DraftReply.Failed(String.valueOf(ex))));
			status = 1;
		}
		protocol.flush();
		// Drools may leave threads behind; the answer is written, so the JVM goes
		System.exit(status);
	}

	void handle(DraftRequest request) {
		List<PackTests.Case> cases = new ArrayList<>();
		if (request.task() == DraftRequest.Task.TEST) {
			List<PackError> errors = new ArrayList<>();
			cases.addAll(this.tests.cases(request.source(), errors));
			for (int i = 0; i < request.cases().size(); i++) {
				PackTests.Case given = this.tests.read("cases[" + i + "]", request.cases().get(i), errors);
				if (given != null) {
					cases.add(given);
				}
			}
			if (!errors.isEmpty()) {
				this.replies.accept(new DraftReply.BadCases(errors));
				return;
			}
		}
		this.replies.accept(new DraftReply.Step("compiling"));
		CompiledPack pack;
		try {
			pack = new RulePackCompiler(request.scoringTimeBudget()).compile(request.source());
		}
		catch (PackCompilationException ex) {
			this.replies.accept(new DraftReply.Rejected(ex.errors()));
			return;
		}
		if (request.task() == DraftRequest.Task.COMPILE) {
			this.replies.accept(new DraftReply.Compiled(pack.ruleNames().size()));
			return;
		}
		List<PackTests.PackTestResult> results = new ArrayList<>();
		for (PackTests.Case testCase : cases) {
			this.replies.accept(new DraftReply.Step("test case '" + testCase.name() + "' (" + testCase.path() + ")"));
			results.addAll(this.tests.run(pack, List.of(testCase), request.at()));
		}
		this.replies.accept(new DraftReply.Tested(results));
	}

}
