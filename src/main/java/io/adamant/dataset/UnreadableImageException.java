package io.adamant.dataset;

/**
 * An image file that cannot be used, with what is wrong with it; the caller names the
 * file.
 */
class UnreadableImageException extends Exception {

	private static final long serialVersionUID = 1L;

	private final boolean tooLarge;

	/**
	 * @param problem what is wrong, as a phrase after the file's name: "is empty (0
	 * bytes)"
	 * @param tooLarge whether it is refused for its size rather than its content
	 */
	UnreadableImageException(String problem, boolean tooLarge) {
		// an answer to the client, not a fault: no stack trace to fill in
		super(problem, null, false, false);
		this.tooLarge = tooLarge;
	}

	boolean tooLarge() {
		return this.tooLarge;
	}

}
