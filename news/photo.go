package news

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"slices"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// imageFormat is how one accepted image type is read.
type imageFormat struct {
	name         string
	decode       func(io.Reader) (image.Image, error)
	decodeConfig func(io.Reader) (image.Config, error)
}

// imageFormats are the accepted image types.
var imageFormats = map[string]imageFormat{
	"image/jpeg": {"JPEG", jpeg.Decode, jpeg.DecodeConfig},
	"image/png":  {"PNG", png.Decode, png.DecodeConfig},
	"image/gif":  {"GIF", gif.Decode, gif.DecodeConfig},
	"image/webp": {"WebP", webp.Decode, webp.DecodeConfig},
}

// maxICC is the largest ICC profile carried into the variants; a larger
// one is dropped (the variants are then read as sRGB).
const maxICC = 1 << 20

// undecodable returns the error of an image that does not decode.
func undecodable(name, format string, err error) error {
	return fmt.Errorf("news: %w", &FieldError{Field: "file",
		Rule: fmt.Sprintf("%q is a %s image that does not decode (truncated or corrupt): %v", name, format, err)})
}

// processImage checks, decodes, turns upright, resizes and re-encodes the
// image data of type m.Type, and fills m's size and variants.
func processImage(m *Media, data []byte, o *MediaOptions) (files [][]byte, err error) {
	f := imageFormats[m.Type]
	cfg, err := f.decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, undecodable(m.Name, f.name, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, undecodable(m.Name, f.name, fmt.Errorf("%d×%d pixels", cfg.Width, cfg.Height))
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > o.MaxPixels {
		return nil, &LimitError{Name: m.Name, Limit: "MaxPixels", Max: o.MaxPixels, Value: px}
	}
	src, err := decodeImage(f, data)
	if err != nil {
		return nil, undecodable(m.Name, f.name, err)
	}
	orientation := 1
	if m.Type == "image/jpeg" {
		orientation = exifOrientation(data)
	}
	icc := iccProfile(m.Type, data)

	// JPEG photos stay JPEG, PNG and GIF images become PNG (lossless, as
	// drawn), a WebP becomes JPEG unless it has transparency.
	encode, outType := encodeJPEG, "image/jpeg"
	switch f.name {
	case "PNG", "GIF":
		encode, outType = encodePNG, "image/png"
	case "WebP":
		if o, ok := src.(interface{ Opaque() bool }); !ok || !o.Opaque() {
			encode, outType = encodePNG, "image/png"
		}
	}
	m.Type = outType

	b := src.Bounds()
	swap := orientation >= 5
	ow, oh := b.Dx(), b.Dy()
	if swap {
		ow, oh = oh, ow
	}
	var widths []int
	for _, w := range o.Widths {
		if w < ow {
			widths = append(widths, w)
		}
	}
	if o.Widths[len(o.Widths)-1] >= ow {
		widths = append(widths, ow)
	}
	// From the widest down, each variant scaled from the one before: a
	// photo of many megapixels is read once.
	slices.Reverse(widths)
	from := src
	for _, w := range widths {
		h := max(1, int(math.Round(float64(oh)*float64(w)/float64(ow))))
		rw, rh := w, h
		if swap {
			rw, rh = h, w
		}
		dst := image.NewRGBA(image.Rect(0, 0, rw, rh))
		if fb := from.Bounds(); fb.Dx() == rw && fb.Dy() == rh {
			draw.Draw(dst, dst.Bounds(), from, fb.Min, draw.Src)
		} else {
			draw.CatmullRom.Scale(dst, dst.Bounds(), from, fb, draw.Src, nil)
		}
		from = dst
		out, err := encode(orient(dst, orientation), icc, o.JPEGQuality)
		if err != nil {
			return nil, fmt.Errorf("news: %q: encode: %w", m.Name, err)
		}
		m.Variants = append(m.Variants, MediaVariant{Key: MediaKey(sha256.Sum256(out), m.Type), Type: m.Type,
			Width: w, Height: h, Size: int64(len(out))})
		files = append(files, out)
	}
	slices.Reverse(m.Variants)
	slices.Reverse(files)
	widest := m.Widest()
	m.Width, m.Height = widest.Width, widest.Height
	return files, nil
}

// decodeImage decodes data, turning a panic of a decoder on hostile input
// into an error.
func decodeImage(f imageFormat, data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decoder failed: %v", r)
		}
	}()
	return f.decode(bytes.NewReader(data))
}

// encodeJPEG encodes img as a baseline JPEG of the quality, with the ICC
// profile (when not nil) in APP2 segments right after SOI, as the ICC
// specification's annex B lays them out.
func encodeJPEG(img image.Image, icc []byte, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if len(icc) == 0 {
		return out, nil
	}
	const chunk = 65535 - 2 - 14 // segment length, minus the length field and the header
	n := (len(icc) + chunk - 1) / chunk
	seg := make([]byte, 0, len(out)+len(icc)+n*18)
	seg = append(seg, out[:2]...)
	for i := range n {
		part := icc[i*chunk : min(len(icc), (i+1)*chunk)]
		seg = append(seg, 0xFF, 0xE2)
		seg = binary.BigEndian.AppendUint16(seg, uint16(2+14+len(part)))
		seg = append(seg, "ICC_PROFILE\x00"...)
		seg = append(seg, byte(i+1), byte(n))
		seg = append(seg, part...)
	}
	return append(seg, out[2:]...), nil
}

// encodePNG encodes img as a PNG, with the ICC profile (when not nil) in
// an iCCP chunk right after IHDR.
func encodePNG(img image.Image, icc []byte, _ int) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if len(icc) == 0 {
		return out, nil
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(icc)
	zw.Close()
	data := append([]byte("ICC profile\x00\x00"), z.Bytes()...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "iCCP"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	const afterIHDR = 8 + 4 + 4 + 13 + 4
	return slices.Concat(out[:afterIHDR], chunk, out[afterIHDR:]), nil
}

// orient returns img turned upright by an EXIF orientation (1..8): the
// transformation that the orientation says a viewer must apply. 1 and
// unknown values return img itself.
func orient(img *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return img
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	dw, dh := w, h
	if orientation >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch orientation {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // transposed
				sx, sy = y, x
			case 6: // to be turned 90° clockwise
				sx, sy = y, h-1-x
			case 7: // transversed
				sx, sy = w-1-y, h-1-x
			case 8: // to be turned 90° counter-clockwise
				sx, sy = w-1-y, x
			}
			copy(dst.Pix[dst.PixOffset(x, y):dst.PixOffset(x, y)+4], img.Pix[img.PixOffset(sx, sy):img.PixOffset(sx, sy)+4])
		}
	}
	return dst
}

// jpegSegments calls fn with the marker and payload of each segment of a
// JPEG's header, up to the start of the scan, until fn returns false. A
// malformed header ends the walk.
func jpegSegments(data []byte, fn func(marker byte, payload []byte) bool) {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7 {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 {
			return
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return
		}
		if !fn(marker, data[i+4:i+2+n]) {
			return
		}
		i += 2 + n
	}
}

// exifOrientation returns the Orientation tag (0x0112) of a JPEG's EXIF
// IFD0, 1 when there is none or it is malformed. It reads that one tag
// by hand rather than with an EXIF library: rwcarlsen/goexif has had no
// release and no maintenance since 2021, and dsoprea/go-exif, last
// released in 2022, brings six modules for one 16-bit value. FuzzProcessUpload
// covers this reader.
func exifOrientation(data []byte) int {
	orientation := 1
	jpegSegments(data, func(marker byte, p []byte) bool {
		if marker != 0xE1 || !bytes.HasPrefix(p, []byte("Exif\x00\x00")) {
			return true
		}
		tiff := p[6:]
		if len(tiff) < 8 {
			return false
		}
		var bo binary.ByteOrder
		switch string(tiff[:4]) {
		case "II*\x00":
			bo = binary.LittleEndian
		case "MM\x00*":
			bo = binary.BigEndian
		default:
			return false
		}
		ifd := int64(bo.Uint32(tiff[4:]))
		if ifd+2 > int64(len(tiff)) {
			return false
		}
		count := int64(bo.Uint16(tiff[ifd:]))
		for e := ifd + 2; e+12 <= int64(len(tiff)) && e < ifd+2+12*count; e += 12 {
			if bo.Uint16(tiff[e:]) == 0x0112 && bo.Uint16(tiff[e+2:]) == 3 {
				if v := int(bo.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
					orientation = v
				}
				return false
			}
		}
		return false
	})
	return orientation
}

// iccProfile returns the ICC profile embedded in an image of the type, or
// nil when it has none, it is malformed, larger than maxICC, or not of
// the RGB colour space: a JPEG's APP2 "ICC_PROFILE" chunks, a PNG's iCCP
// chunk, a WebP's ICCP chunk.
func iccProfile(typ string, data []byte) []byte {
	var icc []byte
	switch typ {
	case "image/jpeg":
		var chunks [][]byte
		jpegSegments(data, func(marker byte, p []byte) bool {
			if marker != 0xE2 || len(p) < 14 || string(p[:12]) != "ICC_PROFILE\x00" {
				return true
			}
			seq, n := int(p[12]), int(p[13])
			if chunks == nil {
				chunks = make([][]byte, n)
			}
			if seq < 1 || seq > len(chunks) || n != len(chunks) {
				chunks = [][]byte{nil}
				return false
			}
			chunks[seq-1] = p[14:]
			return true
		})
		for _, c := range chunks {
			if c == nil {
				return nil
			}
			icc = append(icc, c...)
		}
	case "image/png":
		for i := 8; i+12 <= len(data); {
			n := int(binary.BigEndian.Uint32(data[i:]))
			typ := string(data[i+4 : i+8])
			if n < 0 || n > len(data)-i-12 || typ == "IDAT" {
				break
			}
			if typ == "iCCP" {
				p := data[i+8 : i+8+n]
				name := bytes.IndexByte(p, 0)
				if name < 0 || name+2 > len(p) || p[name+1] != 0 {
					return nil
				}
				zr, err := zlib.NewReader(bytes.NewReader(p[name+2:]))
				if err != nil {
					return nil
				}
				icc, err = io.ReadAll(io.LimitReader(zr, maxICC+1))
				if err != nil {
					return nil
				}
				break
			}
			i += 12 + n
		}
	case "image/webp":
		for i := 12; i+8 <= len(data); {
			n := int(binary.LittleEndian.Uint32(data[i+4:]))
			if n < 0 || n > len(data)-i-8 {
				break
			}
			if string(data[i:i+4]) == "ICCP" {
				icc = data[i+8 : i+8+n]
				break
			}
			i += 8 + n + n%2
		}
	}
	// The variants are RGB: a profile of another colour space (a CMYK
	// photo's, a grey one's) would misdescribe them.
	if len(icc) < 128 || len(icc) > maxICC || string(icc[16:20]) != "RGB " {
		return nil
	}
	return bytes.Clone(icc)
}
