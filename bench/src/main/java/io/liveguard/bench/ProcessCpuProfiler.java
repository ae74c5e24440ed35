package io.liveguard.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the benchmark JVM's CPU time per operation, all its threads included (benchmark
 * threads, GC, JIT). On a machine shared with other work, wall-clock throughput says as
 * much about the neighbours as about the code; CPU time per operation barely moves with
 * them.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

	/** The secondary result's name. */
	public static final String RESULT = "cpu.us/op";

	private long cpuBefore;

	@Override
	public String getDescription() {
		return "CPU time of the benchmark JVM per operation (all threads, GC and JIT included)";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.cpuBefore = processCpuNanos();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long cpu = processCpuNanos() - this.cpuBefore;
		long ops = result.getMetadata().getMeasuredOps();
		if (ops <= 0 || cpu <= 0) {
			return List.of();
		}
		return List.of(new ScalarResult(RESULT, cpu / 1_000.0 / ops, "us/op", AggregationPolicy.AVG));
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

}
