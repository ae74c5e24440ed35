package io.liveguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ScoringBenchmark} (by default all four benchmarks in one run, 2 threads,
 * settings as annotated there) and prints sessions/s, the drools/handWritten ratios and
 * the JVM and machine. Arguments are JMH's own and override the defaults, such as
 * {@code -wi 3 -i 3} or {@code ScoringBenchmark.drools -t 1}. Also writes JMH's JSON to
 * {@code target/scoring-benchmark.json} unless {@code -rff} says otherwise.
 */
public final class RunScoringBenchmark {

	private RunScoringBenchmark() {
	}

	public static void main(String[] args) throws RunnerException, IOException {
		CommandLineOptions cli;
		try {
			cli = new CommandLineOptions(args);
		}
		catch (CommandLineOptionException ex) {
			System.err.println("error: " + ex.getMessage());
			System.exit(2);
			return;
		}
		if (cli.shouldHelp()) {
			cli.showHelp();
			return;
		}
		OptionsBuilder options = new OptionsBuilder();
		options.parent(cli);
		if (cli.getIncludes().isEmpty()) {
			options.include(ScoringBenchmark.class.getName() + "\\.");
		}
		if (!cli.getResult().hasValue()) {
			options.result("target/scoring-benchmark.json");
		}
		if (!cli.getResultFormat().hasValue()) {
			options.resultFormat(ResultFormatType.JSON);
		}
		options.addProfiler(ProcessCpuProfiler.class);
		String loadBefore = loadAverage();
		Collection<RunResult> results = new Runner(options.build()).run();
		System.out.print(report(results));
		System.out.printf(Locale.ROOT, "load average (1, 5, 15 min) before %s, after %s%n", loadBefore, loadAverage());
	}

	static String report(Collection<RunResult> results) {
		Map<String, Result<?>> scores = new LinkedHashMap<>();
		BenchmarkParams params = null;
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult());
			params = result.getParams();
		}
		StringBuilder out = new StringBuilder("\n=== LiveGuard scoring benchmark (one session per op) ===\n");
		for (RunResult result : results) {
			BenchmarkParams run = result.getParams();
			Result<?> score = result.getPrimaryResult();
			out.append(String.format(Locale.ROOT, "%-22s %,12.0f ± %,9.0f sessions/s  (warm-up %d x %s)%n",
					run.getBenchmark().substring(run.getBenchmark().lastIndexOf('.') + 1), score.getScore(),
					score.getScoreError(), run.getWarmup().getCount(), run.getWarmup().getTime()));
		}
		ratio(out, scores, "drools", "handWritten", "score(): extraction + rules + findings table");
		ratio(out, scores, "droolsRulesOnly", "handWrittenRulesOnly", "detect() on extracted facts");
		Map<String, Result<?>> cpu = new LinkedHashMap<>();
		for (RunResult result : results) {
			Result<?> perOp = result.getSecondaryResults().get(ProcessCpuProfiler.RESULT);
			if (perOp != null) {
				String name = result.getParams().getBenchmark();
				cpu.put(name.substring(name.lastIndexOf('.') + 1), perOp);
			}
		}
		if (!cpu.isEmpty()) {
			out.append("CPU time of the benchmark JVM per session (robust to other load on the machine):\n");
			cpu.forEach((name, perOp) -> out
				.append(String.format(Locale.ROOT, "%-22s %9.1f us/session  = %,10.0f sessions per CPU-second%n", name,
						perOp.getScore(), 1_000_000 / perOp.getScore())));
			cpuRatio(out, cpu, "drools", "handWritten");
			cpuRatio(out, cpu, "droolsRulesOnly", "handWrittenRulesOnly");
		}
		if (params != null) {
			out.append(String.format(Locale.ROOT, "threads %d, forks %d, measurement %d x %s, params %s%n",
					params.getThreads(), params.getForks(), params.getMeasurement().getCount(),
					params.getMeasurement().getTime(), paramsOf(params)));
			out.append(String.format(Locale.ROOT, "JVM %s %s (%s), JDK %s, args %s%n", params.getVmName(),
					params.getVmVersion(), params.getJvm(), params.getJdkVersion(), params.getJvmArgs()));
		}
		out.append(String.format(Locale.ROOT, "machine %s, %d CPUs, %s %s %s%n", cpuModel().orElse("unknown CPU"),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("os.arch")));
		return out.toString();
	}

	private static void ratio(StringBuilder out, Map<String, Result<?>> scores, String drools, String handWritten,
			String what) {
		if (scores.containsKey(drools) && scores.containsKey(handWritten)) {
			out.append(String.format(Locale.ROOT, "ratio %s/%s = %.3f  (%s)%n", drools, handWritten,
					scores.get(drools).getScore() / scores.get(handWritten).getScore(), what));
		}
	}

	private static void cpuRatio(StringBuilder out, Map<String, Result<?>> cpu, String drools, String handWritten) {
		if (cpu.containsKey(drools) && cpu.containsKey(handWritten)) {
			out.append(String.format(Locale.ROOT, "CPU-time ratio %s/%s = %.3f  (handWritten us / drools us)%n", drools,
					handWritten, cpu.get(handWritten).getScore() / cpu.get(drools).getScore()));
		}
	}

	private static String paramsOf(BenchmarkParams params) {
		StringBuilder text = new StringBuilder();
		for (String key : params.getParamsKeys()) {
			text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(params.getParam(key));
		}
		return text.toString();
	}

	/** Other processes on the machine skew the numbers; say how busy it was. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static Optional<String> cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
