package io.adamant.dataset;

/**
 * An image decoded and resized, before it is stored or predicted on.
 *
 * @param width its width
 * @param height its height
 * @param rgb packed 0xRRGGBB pixels, row by row
 */
record DecodedImage(int width, int height, int[] rgb) {

	/** Whether any pixel's red, green and blue differ. */
	boolean hasColour() {
		for (int pixel : this.rgb) {
			int red = (pixel >> 16) & 0xFF;
			if (red != ((pixel >> 8) & 0xFF) || red != (pixel & 0xFF)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The pixels as bytes, channel by channel, then row by row: [channels, height, width]
	 * as image datasets lay rows out. One channel is the luma (ITU-R BT.601, as PIL's
	 * {@code convert("L")}), which keeps a grey pixel's value.
	 */
	byte[] channelsFirst(int channels) {
		int area = this.width * this.height;
		byte[] planes = new byte[channels * area];
		for (int i = 0; i < area; i++) {
			int red = (this.rgb[i] >> 16) & 0xFF;
			int green = (this.rgb[i] >> 8) & 0xFF;
			int blue = this.rgb[i] & 0xFF;
			if (channels == 1) {
				planes[i] = (byte) ((red * 299 + green * 587 + blue * 114 + 500) / 1000);
			}
			else {
				planes[i] = (byte) red;
				planes[area + i] = (byte) green;
				planes[2 * area + i] = (byte) blue;
			}
		}
		return planes;
	}

	/** A stored pixel byte as a feature value, in [0, 1]. */
	static float unit(byte pixel) {
		return (pixel & 0xFF) / 255f;
	}

}
