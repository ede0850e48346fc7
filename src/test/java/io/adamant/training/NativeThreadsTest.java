package io.adamant.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The native thread count each worker's job gets. */
class NativeThreadsTest {

	@Test
	void leavesOneCoreToTheServiceAndSharesTheRest() {
		assertThat(NativeThreads.choose(0, 1, 2, null)).isEqualTo(1);
		assertThat(NativeThreads.choose(0, 1, 16, null)).isEqualTo(15);
		assertThat(NativeThreads.choose(0, 3, 16, null)).isEqualTo(5);
		assertThat(NativeThreads.choose(0, 4, 2, null)).isEqualTo(1);
		assertThat(NativeThreads.choose(0, 1, 1, null)).isEqualTo(1);
	}

	@Test
	void aSettingWinsOverTheEnvironmentWhichWinsOverTheDefault() {
		assertThat(NativeThreads.choose(6, 1, 16, "2")).isEqualTo(6);
		assertThat(NativeThreads.choose(0, 1, 16, " 2 ")).isEqualTo(2);
		assertThat(NativeThreads.choose(0, 1, 16, "lots")).isEqualTo(15);
	}

}
