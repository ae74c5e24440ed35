package io.liveguard.engine.rulepack;

import java.util.List;

import org.drools.compiler.kie.builder.impl.DrlProject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The second wall: DRL compiled straight with Drools, past {@link DrlSandbox}, still
 * cannot name what the allowlist leaves out, because the pack's class loader does not
 * show it.
 */
class PackClassLoaderTests {

	private final PackClassLoader loader = new PackClassLoader(getClass().getClassLoader());

	@ParameterizedTest
	@ValueSource(strings = { "java.lang.Runtime", "java.lang.System", "java.lang.Thread", "java.lang.ProcessBuilder",
			"java.lang.ClassLoader", "java.io.File", "java.nio.file.Files", "java.net.URL", "java.lang.reflect.Method",
			"java.util.concurrent.Executors", "java.util.Collections", "java.util.ArrayList",
			"ch.qos.logback.core.FileAppender", "org.slf4j.LoggerFactory", "org.kie.api.runtime.KieSession",
			"org.kie.api.runtime.KieRuntime", "org.drools.util.IoUtils", "io.liveguard.engine.ScoringEngine",
			"io.liveguard.engine.rulepack.RulePackCompiler" })
	void classesOutsideTheAllowlistAreNotFound(String className) throws ClassNotFoundException {
		assertThat(Class.forName(className, false, getClass().getClassLoader())).isNotNull();
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> this.loader.loadClass(className))
			.withMessageContaining("not available to rule packs");
		assertThat(this.loader.getResource(className.replace('.', '/') + ".class")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "java.lang.String", "java.lang.Math", "java.util.List", "java.time.Instant",
			"io.liveguard.engine.facts.SessionSummary", "io.liveguard.engine.facts.Detection",
			"io.liveguard.engine.rulepack.PackSettings", "org.drools.core.rule.consequence.KnowledgeHelper" })
	void theAllowlistAndTheRuleRuntimeAreFound(String className) throws ClassNotFoundException {
		assertThat(this.loader.loadClass(className).getName()).isEqualTo(className);
	}

	@ParameterizedTest
	@ValueSource(strings = { "logback-test.xml", "packs/minimal/pack.properties", "META-INF/MANIFEST.MF" })
	void theClasspathsFilesAreNotResources(String resource) {
		assertThat(getClass().getClassLoader().getResource(resource)).isNotNull();
		assertThat(this.loader.getResource(resource)).isNull();
		assertThat(this.loader.getResourceAsStream(resource)).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					the environment      | $s : SessionSummary()                                    | insert( System.getenv("DB_PASSWORD") );
					a file               | $s : SessionSummary()                                    | insert( new java.io.File("/tmp/x") );
					a logging library    | $s : SessionSummary()                                    | insert( new ch.qos.logback.core.FileAppender() );
					the class loader     | $s : SessionSummary()                                    | insert( $s.getClass().getClassLoader() );
					a thread             | $s : SessionSummary()                                    | new Thread().start();
					a constraint         | $s : SessionSummary( sessionId == System.getProperty("x") ) | insert( $s );
					""")
	void drlPastTheSandboxDoesNotCompileWithThePacksClassLoader(String name, String condition, String consequence) {
		String drl = """
				package test.bypass;

				import io.liveguard.engine.facts.*;

				rule "bypass"
				when
				    %s
				then
				    %s
				end
				""".formatted(condition, consequence);
		assertThat(DrlSandbox.check(new PackFile("rules/bypass.drl", drl))).as("the sandbox refuses it too")
			.isNotEmpty();
		assertThat(build(drl, getClass().getClassLoader())).as("with the application's class loader").isEmpty();
		assertThat(build(drl, this.loader)).as("with the pack's class loader").isNotEmpty();
	}

	private static List<Message> build(String drl, ClassLoader classLoader) {
		KieServices services = KieServices.Factory.get();
		ReleaseId releaseId = services.newReleaseId("io.liveguard.test", "bypass",
				"1-" + System.identityHashCode(classLoader) + "-" + System.nanoTime());
		KieFileSystem files = services.newKieFileSystem();
		files.generateAndWritePomXML(releaseId);
		files.write("src/main/resources/rules/bypass.drl", drl);
		try {
			KieBuilder builder = services.newKieBuilder(files, classLoader).buildAll(DrlProject.class);
			return builder.getResults().getMessages(Message.Level.ERROR);
		}
		finally {
			services.getRepository().removeKieModule(releaseId);
		}
	}

}
