package io.adamant.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Real image files for tests and the README's sample, drawn here since no image set can
 * be downloaded: a filled circle, square or triangle of random size, place and colour on
 * a dark background, in PNG or JPEG, at sizes that differ from image to image so that
 * uploads have to resize them. Uses nothing but the JDK, so that
 * {@code java -cp target/test-classes io.adamant.support.ShapeImages http-requests}
 * rewrites the README's sample.
 */
public final class ShapeImages {

	public static final List<String> CLASSES = List.of("circle", "square", "triangle");

	/** Entries get this time, so that the same seed gives the same archive. */
	private static final long ENTRY_TIME = 1_700_000_000_000L;

	static {
		// drawing needs no display
		System.setProperty("java.awt.headless", "true");
	}

	private ShapeImages() {
	}

	/**
	 * Writes the README's sample to a folder: {@code shapes.zip}, train/ 3 × 30 and val/
	 * 3 × 10 small PNG and JPEG files, and {@code triangle.png}, an image not in it.
	 */
	public static void main(String[] args) throws IOException {
		Path folder = Path.of(args.length > 0 ? args[0] : "http-requests");
		Files.write(folder.resolve("shapes.zip"), imageFolder(7, 30, 10));
		Files.write(folder.resolve("triangle.png"), encode(heldOut("triangle"), "png"));
	}

	/** A shape drawn from a seed of its own, so in none of the archives made here. */
	public static BufferedImage heldOut(String shape) {
		return draw(shape, 40, new Random(1_000 + CLASSES.indexOf(shape)));
	}

	/**
	 * An ImageFolder zip of the three shapes: {@code train/<shape>/…} and
	 * {@code val/<shape>/…} when {@code validationPerClass} is positive, else
	 * {@code <shape>/…}. Every fourth image is a JPEG.
	 */
	public static byte[] imageFolder(long seed, int trainPerClass, int validationPerClass) {
		Random random = new Random(seed);
		Zip zip = new Zip();
		for (String part : validationPerClass > 0 ? List.of("train/", "val/") : List.of("")) {
			int count = part.equals("val/") ? validationPerClass : trainPerClass;
			for (String shape : CLASSES) {
				zip.directory(part + shape + "/");
				for (int i = 0; i < count; i++) {
					boolean jpeg = i % 4 == 3;
					zip.file("%s%s/%s-%03d.%s".formatted(part, shape, shape, i, jpeg ? "jpg" : "png"),
							encode(draw(shape, 24 + random.nextInt(41), random), jpeg ? "jpg" : "png"));
				}
			}
		}
		return zip.bytes();
	}

	/** One shape on a square image of {@code size} pixels. */
	public static BufferedImage draw(String shape, int size, Random random) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			graphics.setColor(new Color(random.nextInt(60), random.nextInt(60), random.nextInt(60)));
			graphics.fillRect(0, 0, size, size);
			graphics
				.setColor(new Color(120 + random.nextInt(136), 120 + random.nextInt(136), 120 + random.nextInt(136)));
			int extent = size / 2 + random.nextInt(size / 4);
			int x = random.nextInt(size - extent + 1);
			int y = random.nextInt(size - extent + 1);
			switch (shape) {
				case "circle" -> graphics.fillOval(x, y, extent, extent);
				case "square" -> graphics.fillRect(x, y, extent, extent);
				case "triangle" -> graphics.fillPolygon(new Polygon(new int[] { x, x + extent / 2, x + extent },
						new int[] { y + extent, y, y + extent }, 3));
				default -> throw new IllegalArgumentException("Unknown shape " + shape);
			}
		}
		finally {
			graphics.dispose();
		}
		return image;
	}

	/** An image as a file of {@code format}: {@code png}, {@code jpg} or {@code gif}. */
	public static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, file)) {
				throw new IllegalArgumentException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file.toByteArray();
	}

	/** A zip written entry by entry, with any names, including hostile ones. */
	public static final class Zip {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final ZipOutputStream zip = new ZipOutputStream(this.bytes);

		public Zip file(String name, byte[] content) {
			try {
				ZipEntry entry = new ZipEntry(name);
				entry.setTime(ENTRY_TIME);
				this.zip.putNextEntry(entry);
				this.zip.write(content);
				this.zip.closeEntry();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		public Zip directory(String name) {
			return file(name.endsWith("/") ? name : name + "/", new byte[0]);
		}

		public byte[] bytes() {
			try {
				this.zip.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this.bytes.toByteArray();
		}

	}

}
