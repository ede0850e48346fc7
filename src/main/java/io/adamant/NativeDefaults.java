package io.adamant;

/**
 * JVM-wide settings for ND4J's native backend that must be in place before it loads.
 */
public final class NativeDefaults {

	private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

	private NativeDefaults() {
	}

	/**
	 * JavaCPP otherwise checks the process's memory on every native allocation, which
	 * roughly doubled a small network's iteration time (shared/notes). An explicit
	 * setting wins.
	 */
	public static void apply() {
		if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
			System.setProperty(MAX_PHYSICAL_BYTES, "0");
		}
	}

}
