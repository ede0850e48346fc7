package io.adamant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's JVM options live in pom.xml ({@code adamant.jvm.options}, for
 * {@code spring-boot:run}; bench/perf.py reads them from there); the Docker image must
 * start the JVM with the same ones.
 */
class JvmOptionsTest {

	@Test
	void dockerImageStartsTheJvmWithThePomsOptions() throws IOException {
		String options = match(Files.readString(Path.of("pom.xml")),
				"<adamant\\.jvm\\.options>([^<]*)</adamant\\.jvm\\.options>");
		String dockerOptions = match(Files.readString(Path.of("Dockerfile")), "JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

		assertThat(options.split("\\s+")).isNotEmpty().contains("-XX:MaxGCPauseMillis=20", "-XX:MaxNewSize=64m");
		assertThat(dockerOptions.split("\\s+")).contains(options.split("\\s+"));
	}

	@Test
	void springBootRunUsesThem() throws IOException {
		assertThat(Files.readString(Path.of("pom.xml")))
			.contains("<jvmArguments>${adamant.jvm.options}</jvmArguments>");
	}

	@Test
	void theBenchmarkHarnessReadsThemFromThePom() throws IOException {
		assertThat(Files.readString(Path.of("bench/perf.py"))).contains("adamant\\.jvm\\.options");
		assertThat(Files.readString(Path.of("bench/run-java.sh"))).contains("adamant\\.jvm\\.options");
	}

	private static String match(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in the file", regex).isTrue();
		return matcher.group(1);
	}

}
