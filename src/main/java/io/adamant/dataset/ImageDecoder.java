package io.adamant.dataset;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG files with the JDK's ImageIO and resizes them, one way for uploads
 * and predictions alike, so that a network sees an image to predict exactly as it saw its
 * training images. Transparent pixels are laid over black.
 */
final class ImageDecoder {

	private static final Set<String> FORMATS = Set.of("png", "jpeg");

	private final long maxPixels;

	/**
	 * @param maxPixels the most pixels (width × height) a file may declare; larger ones
	 * are refused before they are decoded
	 */
	ImageDecoder(long maxPixels) {
		this.maxPixels = maxPixels;
	}

	/**
	 * The image in a PNG or JPEG file resized to {@code width} × {@code height}.
	 * @throws UnreadableImageException saying what is wrong with the file
	 */
	DecodedImage decode(byte[] file, int width, int height) throws UnreadableImageException {
		if (file.length == 0) {
			throw new UnreadableImageException("is empty (0 bytes)", false);
		}
		BufferedImage image = read(file);
		return resize(rgb(image), image.getWidth(), image.getHeight(), width, height);
	}

	private BufferedImage read(byte[] file) throws UnreadableImageException {
		// in memory: ImageIO's default stream would cache the file in a temporary file
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
			if (!readers.hasNext()) {
				throw new UnreadableImageException("is not a PNG or JPEG image", false);
			}
			ImageReader reader = readers.next();
			try {
				if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
					throw new UnreadableImageException("is not a PNG or JPEG image", false);
				}
				reader.setInput(input, true, true);
				long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
				if (pixels > this.maxPixels) {
					throw new UnreadableImageException(
							"is %d×%d pixels, more than the %,d an image may have (maxPixels)"
								.formatted(reader.getWidth(0), reader.getHeight(0), this.maxPixels),
							true);
				}
				return reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			// the decoders throw unchecked exceptions, too, on files they cannot make
			// sense
			// of: those are the client's data, not a fault of the service
			throw new UnreadableImageException("is not a decodable PNG or JPEG image: " + describe(ex), false);
		}
	}

	/** Packed 0xRRGGBB pixels, row by row, with any transparency laid over black. */
	private static int[] rgb(BufferedImage image) {
		int width = image.getWidth();
		int height = image.getHeight();
		ColorModel model = image.getColorModel();
		if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
			return grey(image.getRaster(), model, width, height);
		}
		int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
		for (int i = 0; i < pixels.length; i++) {
			int alpha = pixels[i] >>> 24;
			pixels[i] = (alpha == 255) ? pixels[i] & 0xFFFFFF
					: pack(over(pixels[i] >> 16, alpha), over(pixels[i] >> 8, alpha), over(pixels[i], alpha));
		}
		return pixels;
	}

	/**
	 * A grey image's own sample values: ImageIO gives grey files a linear grey colour
	 * space, and converting that to sRGB (as {@link BufferedImage#getRGB} does) would
	 * brighten every mid-tone.
	 */
	private static int[] grey(Raster raster, ColorModel model, int width, int height) {
		int bits = model.getComponentSize(0);
		int alphaBits = model.hasAlpha() ? model.getComponentSize(1) : 0;
		int[] pixels = new int[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int value = to8Bits(raster.getSample(x, y, 0), bits);
				if (alphaBits > 0) {
					value = over(value, to8Bits(raster.getSample(x, y, 1), alphaBits));
				}
				pixels[y * width + x] = pack(value, value, value);
			}
		}
		return pixels;
	}

	/**
	 * Resizes by halving while the image is at least twice the target, then once more to
	 * the target, each step bilinear: a halving averages 2×2 blocks, so a large image is
	 * averaged over areas rather than sampled at a few points.
	 */
	private static DecodedImage resize(int[] pixels, int width, int height, int targetWidth, int targetHeight) {
		BufferedImage current = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		current.setRGB(0, 0, width, height, pixels, 0, width);
		int w = width;
		int h = height;
		do {
			w = (w >= 2 * targetWidth) ? w / 2 : targetWidth;
			h = (h >= 2 * targetHeight) ? h / 2 : targetHeight;
			current = scaled(current, w, h);
		}
		while (w != targetWidth || h != targetHeight);
		return new DecodedImage(targetWidth, targetHeight,
				current.getRGB(0, 0, targetWidth, targetHeight, null, 0, targetWidth));
	}

	private static BufferedImage scaled(BufferedImage source, int width, int height) {
		if (source.getWidth() == width && source.getHeight() == height) {
			return source;
		}
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static int to8Bits(int sample, int bits) {
		return (bits == 8) ? sample : (int) Math.round(sample * 255.0 / ((1 << bits) - 1));
	}

	private static int over(int component, int alpha) {
		return ((component & 0xFF) * alpha + 127) / 255;
	}

	private static int pack(int red, int green, int blue) {
		return (red & 0xFF) << 16 | (green & 0xFF) << 8 | (blue & 0xFF);
	}

	private static String describe(Exception ex) {
		return (ex.getMessage() == null || ex.getMessage().isBlank()) ? ex.getClass().getSimpleName() : ex.getMessage();
	}

}
