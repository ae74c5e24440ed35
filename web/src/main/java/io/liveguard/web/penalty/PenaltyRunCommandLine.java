package io.liveguard.web.penalty;

import io.liveguard.batch.penalty.PenaltyRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The command-line way:
 * {@code java -jar liveguard.jar --liveguard.penalty-run.date=2026-11-22
 * [--liveguard.penalty-run.market=VN]} runs once, prints the summary and exits (0 when
 * the run completed). {@link io.liveguard.web.LiveGuardApplication} starts no web server
 * in this mode.
 */
@Component
@ConditionalOnProperty("liveguard.penalty-run.date")
class PenaltyRunCommandLine implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(PenaltyRunCommandLine.class);

	private final PenaltyRuns runs;

	private final PenaltyRunProperties properties;

	private int exitCode = 1;

	PenaltyRunCommandLine(PenaltyRuns runs, PenaltyRunProperties properties) {
		this.runs = runs;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		PenaltyRuns.RunStatus status = this.runs.runAndWait(this.properties.date(), this.properties.market(),
				"command line");
		logger.info(
				"Penalty run {} for {} ({}): {}; sellers {}/{}, penalties {}, lifts {}, warnings {}, quarantined {}",
				status.runId(), status.businessDate(), status.market(), status.status(), status.sellersRead(),
				status.sellersTotal(), status.penaltiesDecided(), status.lifts(), status.warnings(), status.skipped());
		this.exitCode = "COMPLETED".equals(status.status()) ? 0 : 1;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
