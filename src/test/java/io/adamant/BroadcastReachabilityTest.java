package io.adamant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcast operations survive a garbage collection at the moment they enter native code
 * once {@link NativeDefaults#apply()} ran: {@link BroadcastReachabilityCheck} forces one
 * there, in a JVM of its own, since ND4J's own executioner crashes that JVM (SIGSEGV in
 * {@code sd::DataBuffer::primary()}, as the service did twice).
 */
class BroadcastReachabilityTest {

	/** By name: the -Pcuda build compiles the tests without it. */
	private static final String REACHABLE_EXECUTIONER = "io.adamant.ReachableOpExecutioner";

	@Test
	void aCollectionAsABroadcastEntersNativeCodeFreesNothingItUses() throws Exception {
		Process check = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:ErrorFile=target/hs_err_broadcast_%p.log", "-cp", System.getProperty("java.class.path"),
				BroadcastReachabilityCheck.class.getName()))
			.redirectErrorStream(true)
			.start();
		String output = readAll(check);

		assertThat(check.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
		assertThat(output).contains("executioner " + REACHABLE_EXECUTIONER + ", rows[0][0] 50020.0");
	}

	@Test
	void anExplicitExecutionerSettingWins() {
		String before = System.getProperty("opexec");
		try {
			System.setProperty("opexec", "some.other.Executioner");
			assertThat(NativeDefaults.keepBroadcastOperandsReachable()).isFalse();
			assertThat(System.getProperty("opexec")).isEqualTo("some.other.Executioner");
			System.clearProperty("opexec");
			assertThat(NativeDefaults.keepBroadcastOperandsReachable()).isTrue();
			assertThat(System.getProperty("opexec")).isEqualTo(REACHABLE_EXECUTIONER);
		}
		finally {
			if (before == null) {
				System.clearProperty("opexec");
			}
			else {
				System.setProperty("opexec", before);
			}
		}
	}

	private static String readAll(Process process) throws IOException {
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
