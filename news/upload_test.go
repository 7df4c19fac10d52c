package news_test

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readMedia(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "media", name))
	require.NoError(tb, err)
	return data
}

// segments returns the markers of a JPEG's header segments, up to the
// scan, with their payloads.
func segments(tb testing.TB, data []byte) map[byte][][]byte {
	tb.Helper()
	require.True(tb, bytes.HasPrefix(data, []byte{0xFF, 0xD8}), "no SOI")
	out := map[byte][][]byte{}
	for i := 2; ; {
		require.Less(tb, i+4, len(data), "no scan")
		require.Equal(tb, byte(0xFF), data[i], "marker at %d", i)
		marker := data[i+1]
		if marker == 0xDA {
			return out
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		out[marker] = append(out[marker], data[i+4:i+2+n])
		i += 2 + n
	}
}

// iccOf returns the ICC profile in a JPEG's APP2 segments.
func iccOf(tb testing.TB, data []byte) []byte {
	var icc []byte
	for _, p := range segments(tb, data)[0xE2] {
		if bytes.HasPrefix(p, []byte("ICC_PROFILE\x00")) {
			icc = append(icc, p[14:]...)
		}
	}
	return icc
}

func TestProcessUploadPhone(t *testing.T) {
	data := readMedia(t, "phone.jpg")
	srcICC := iccOf(t, data)
	require.NotEmpty(t, srcICC, "test photo has an ICC profile")

	m, files, err := news.ProcessUpload(`C:\Users\Hoa\Ảnh\IMG_2026.jpg`, data, nil)
	require.NoError(t, err)
	assert.Equal(t, news.MediaImage, m.Kind)
	assert.Equal(t, "IMG_2026.jpg", m.Name)
	assert.Equal(t, "image/jpeg", m.Type)
	// 1200×900 turned a quarter clockwise is 900×1200: 480 wide, and its
	// own 900 (never enlarged to 960 or 1600).
	require.Len(t, m.Variants, 2)
	assert.Equal(t, [][2]int{{480, 640}, {900, 1200}}, [][2]int{
		{m.Variants[0].Width, m.Variants[0].Height}, {m.Variants[1].Width, m.Variants[1].Height}})
	assert.Equal(t, 900, m.Width)
	assert.Equal(t, 1200, m.Height)
	assert.Equal(t, m.Variants[0].Key, m.ID)

	for i, v := range m.Variants {
		f := files[i]
		assert.Equal(t, news.MediaKey(sha256.Sum256(f), "image/jpeg"), v.Key, "key is the content hash")
		assert.Equal(t, int64(len(f)), v.Size)
		segs := segments(t, f)
		assert.Empty(t, segs[0xE1], "variant %d keeps an APP1 (EXIF or XMP) segment", v.Width)
		assert.Empty(t, segs[0xFE], "variant %d keeps a comment", v.Width)
		for _, leak := range []string{"Exif", "samsung", "SM-A546E", "GPS", "xap/1.0", "Galaxy", "MM\x00*"} {
			assert.NotContains(t, string(f), leak, "variant %d", v.Width)
		}
		assert.Equal(t, srcICC, iccOf(t, f), "variant %d carries the ICC profile", v.Width)

		img, err := jpeg.Decode(bytes.NewReader(f))
		require.NoError(t, err)
		b := img.Bounds()
		assert.Equal(t, v.Width, b.Dx())
		assert.Equal(t, v.Height, b.Dy())
		// The red top-left quadrant of the sensor is at the top right
		// once turned upright.
		isRed := func(x, y int) bool {
			r, g, bl, _ := img.At(x, y).RGBA()
			return r > 0xA000 && g < 0x5000 && bl < 0x5000
		}
		assert.True(t, isRed(b.Dx()*3/4, b.Dy()/4), "top right is red")
		assert.False(t, isRed(b.Dx()/4, b.Dy()/4), "top left is not red")
		assert.False(t, isRed(b.Dx()*3/4, b.Dy()*3/4), "bottom right is not red")
	}
}

// encodeImage returns a small picture in the format.
func encodeImage(tb testing.TB, format string, w, h int, alpha uint8) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 90, alpha})
		}
	}
	var buf bytes.Buffer
	switch format {
	case "png":
		require.NoError(tb, png.Encode(&buf, img))
	case "gif":
		require.NoError(tb, gif.Encode(&buf, img, nil))
	case "jpeg":
		require.NoError(tb, jpeg.Encode(&buf, img, nil))
	}
	return buf.Bytes()
}

func TestProcessUploadFormats(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		wantType   string
		widths     []int
	}{
		{"PNG with transparency", "logo.png", encodeImage(t, "png", 1000, 200, 128), "image/png", []int{480, 960, 1000}},
		{"GIF", "bieu-do.gif", encodeImage(t, "gif", 300, 200, 255), "image/png", []int{300}},
		{"opaque WebP", "anh.webp", readMedia(t, "lossy.webp"), "image/jpeg", nil},
		{"WebP with transparency", "gopher.webp", readMedia(t, "alpha.webp"), "image/png", nil},
		{"JPEG wider than every width", "toan-canh.jpg", encodeImage(t, "jpeg", 2000, 500, 255), "image/jpeg", []int{480, 960, 1600}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, files, err := news.ProcessUpload(tc.file, tc.data, nil)
			require.NoError(t, err)
			assert.Equal(t, news.MediaImage, m.Kind)
			assert.Equal(t, tc.wantType, m.Type)
			var widths []int
			for i, v := range m.Variants {
				widths = append(widths, v.Width)
				assert.Equal(t, tc.wantType, v.Type)
				cfg, format, err := image.DecodeConfig(bytes.NewReader(files[i]))
				require.NoError(t, err)
				assert.Equal(t, tc.wantType, "image/"+format)
				assert.Equal(t, v.Width, cfg.Width)
				assert.Equal(t, v.Height, cfg.Height)
			}
			if tc.widths != nil {
				assert.Equal(t, tc.widths, widths)
			}
		})
	}
}

// zipOf returns a ZIP archive holding the members (name, content), the
// first one stored uncompressed.
func zipOf(tb testing.TB, members ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(members); i += 2 {
		method := zip.Deflate
		if i == 0 {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: members[i], Method: method})
		require.NoError(tb, err)
		_, err = w.Write([]byte(members[i+1]))
		require.NoError(tb, err)
	}
	require.NoError(tb, zw.Close())
	return buf.Bytes()
}

// ole2 returns the start of an OLE2 compound file naming a stream.
func ole2(stream string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, c := range stream + "\x00" {
		b = append(b, byte(c), 0)
	}
	return b
}

func TestSniffMediaType(t *testing.T) {
	jpg := encodeImage(t, "jpeg", 8, 8, 255)
	tests := []struct {
		name string
		file string
		data []byte
		want string // "" for a *TypeError
	}{
		{"a PDF named .jpg", "anh.jpg", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "application/pdf"},
		{"a JPEG named .pdf", "quyet-dinh.pdf", jpg, "image/jpeg"},
		{"a JPEG named .html", "trang.html", jpg, "image/jpeg"},
		{"PNG", "a.png", encodeImage(t, "png", 2, 2, 255), "image/png"},
		{"GIF", "a.gif", encodeImage(t, "gif", 2, 2, 255), "image/gif"},
		{"WebP", "a.webp", readMedia(t, "lossy.webp"), "image/webp"},
		{"DOCX", "bao-cao.zip", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"XLSX", "so-lieu.docx", zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"ODT", "van-ban.zip", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<office:document-content/>"), "application/vnd.oasis.opendocument.text"},
		{"ODS is a plain ZIP", "bang.ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"), "application/zip"},
		{"a ZIP named .docx", "hop-dong.docx", zipOf(t, "word/document.xml", "no content types"), "application/zip"},
		{"ZIP", "ho-so.zip", zipOf(t, "a.txt", "một"), "application/zip"},
		{"an empty ZIP", "rong.zip", zipOf(t), "application/zip"},
		{"DOC", "cong-van.doc", ole2("WordDocument"), "application/msword"},
		{"XLS", "bang-luong.xls", ole2("Workbook"), "application/vnd.ms-excel"},
		{"an old XLS", "bang-cu.xls", ole2("Book"), "application/vnd.ms-excel"},
		{"PowerPoint", "trinh-chieu.ppt", ole2("PowerPoint Document"), ""},
		{"a broken ZIP", "hong.zip", []byte("PK\x03\x04 not really"), ""},
		{"HTML named .jpg", "anh.jpg", []byte("<!doctype html><script>alert(1)</script>"), ""},
		{"SVG", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"a program", "setup.pdf", []byte("MZ\x90\x00\x03"), ""},
		{"empty", "a.pdf", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := news.SniffMediaType(tc.file, tc.data)
			if tc.want == "" {
				var te *news.TypeError
				require.ErrorAs(t, err, &te)
				assert.ErrorIs(t, err, news.ErrInvalid)
				assert.Contains(t, err.Error(), tc.file)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "SniffMediaType(%q)", tc.file)
		})
	}
}

func TestProcessUploadAttachment(t *testing.T) {
	pdf := []byte("%PDF-1.7\n% Quyết định 12/QĐ-SKHCN\n%%EOF\n")
	m, files, err := news.ProcessUpload("Quyết định 12.pdf", pdf, nil)
	require.NoError(t, err)
	assert.Equal(t, news.MediaAttachment, m.Kind)
	assert.Equal(t, "application/pdf", m.Type)
	assert.Equal(t, "Quyết định 12.pdf", m.Name)
	require.Len(t, m.Variants, 1)
	assert.Equal(t, int64(len(pdf)), m.Variants[0].Size)
	assert.Equal(t, news.MediaKey(sha256.Sum256(pdf), "application/pdf"), m.ID)
	assert.Equal(t, [][]byte{pdf}, files, "an attachment is kept as uploaded")
}

// pngHeader returns the signature and IHDR of a PNG claiming w×h pixels,
// and nothing after.
func pngHeader(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

func TestProcessUploadLimits(t *testing.T) {
	phone := readMedia(t, "phone.jpg")
	tests := []struct {
		name  string
		data  []byte
		opts  *news.MediaOptions
		limit string // the *LimitError's Limit; "" for another invalid error
		text  string // in the message
	}{
		{"too large", phone, &news.MediaOptions{MaxBytes: 10_000}, "MaxBytes", "more than 10000 bytes is over the limit of 10000 bytes (MaxBytes)"},
		{"a PNG header claiming 100000×100000", pngHeader(100_000, 100_000), nil, "MaxPixels", "10000000000 pixels is over the limit of 50000000 pixels (MaxPixels)"},
		{"a photo over a lowered pixel limit", phone, &news.MediaOptions{MaxPixels: 1_000_000}, "MaxPixels", "1080000 pixels"},
		{"a truncated JPEG", phone[:len(phone)/2], nil, "", "does not decode"},
		{"a PNG with a header only", pngHeader(10, 10), nil, "", "does not decode"},
		{"a PNG of no pixels", pngHeader(0, 10), nil, "", "does not decode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := news.ProcessUpload("anh.jpg", tc.data, tc.opts)
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Contains(t, err.Error(), `"anh.jpg"`)
			assert.Contains(t, err.Error(), tc.text)
			var le *news.LimitError
			if tc.limit == "" {
				assert.False(t, errors.As(err, &le), "a decoding error is no limit: %v", err)
				return
			}
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tc.limit, le.Limit)
		})
	}
}

func TestCleanMediaName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"anh.jpg", "anh.jpg"},
		{`C:\fakepath\Quyết định.pdf`, "Quyết định.pdf"},
		{"../../etc/passwd", "passwd"},
		{"a\x00b\u202e.gpj.exe", "ab.gpj.exe"},
		{`bao "cao".docx`, "bao cao.docx"},
		{"", "upload"},
		{"..", "upload"},
		{"/", "upload"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, news.CleanMediaName(tc.in), "CleanMediaName(%q)", tc.in)
	}
}

func TestMediaKeyOf(t *testing.T) {
	key := news.MediaKey(sha256.Sum256([]byte("x")), "image/jpeg")
	for _, url := range []string{"/media/" + key, "https://skhcn.example.vn/media/" + key + "?v=1", key, "/media/" + key + "#top"} {
		got, ok := news.MediaKeyOf(url)
		assert.True(t, ok, url)
		assert.Equal(t, key, got, url)
	}
	for _, url := range []string{"/static/covers/hoi-nghi.png", "", "/media/" + key + ".exe", "/media/" + key[:10] + ".jpg"} {
		_, ok := news.MediaKeyOf(url)
		assert.False(t, ok, url)
	}
}

func FuzzProcessUpload(f *testing.F) {
	f.Add(readMedia(f, "phone.jpg"))
	f.Add(readMedia(f, "lossy.webp"))
	f.Add(readMedia(f, "alpha.webp"))
	f.Add(encodeImage(f, "png", 20, 10, 100))
	f.Add(encodeImage(f, "gif", 20, 10, 255))
	f.Add(pngHeader(1<<30, 1<<30))
	f.Add(zipOf(f, "[Content_Types].xml", "", "word/document.xml", ""))
	f.Add(ole2("WordDocument"))
	f.Add([]byte("%PDF-1.4"))
	opts := &news.MediaOptions{MaxPixels: 1 << 20, Widths: []int{16, 64}}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, files, err := news.ProcessUpload("fuzz", data, opts)
		if err != nil {
			require.ErrorIs(t, err, news.ErrInvalid)
			return
		}
		require.NoError(t, m.Check(files))
		for i, v := range m.Variants {
			if m.Kind == news.MediaAttachment {
				assert.Equal(t, data, files[i])
				continue
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(files[i]))
			require.NoError(t, err, "variant %d does not decode", i)
			assert.Equal(t, v.Width, cfg.Width)
			assert.Equal(t, v.Height, cfg.Height)
			assert.LessOrEqual(t, v.Width, 64)
			if v.Type == "image/jpeg" {
				assert.Empty(t, segments(t, files[i])[0xE1], "an APP1 segment survived")
			}
		}
	})
}

// withICC returns a PNG or JPEG with the ICC profile embedded as its
// format lays it out: a PNG iCCP chunk, JPEG APP2 chunks of at most
// 65519 bytes.
func withICC(tb testing.TB, format string, data, icc []byte) []byte {
	tb.Helper()
	if format == "png" {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		_, err := zw.Write(icc)
		require.NoError(tb, err)
		require.NoError(tb, zw.Close())
		body := append([]byte("iCCPDisplay P3\x00\x00"), z.Bytes()...) // type, name, compression 0, profile
		chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
		chunk = append(chunk, body...)
		chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
		return append(append(append([]byte(nil), data[:33]...), chunk...), data[33:]...)
	}
	out := append([]byte(nil), data[:2]...)
	const size = 65519
	n := (len(icc) + size - 1) / size
	for i := range n {
		part := icc[i*size : min(len(icc), (i+1)*size)]
		out = append(out, 0xFF, 0xE2)
		out = binary.BigEndian.AppendUint16(out, uint16(2+14+len(part)))
		out = append(out, "ICC_PROFILE\x00"...)
		out = append(out, byte(i+1), byte(n))
		out = append(out, part...)
	}
	return append(out, data[2:]...)
}

// pngICC returns the profile of a PNG's iCCP chunk, nil when it has none.
func pngICC(tb testing.TB, data []byte) []byte {
	tb.Helper()
	for i := 8; i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if string(data[i+4:i+8]) == "iCCP" {
			p := data[i+8 : i+8+n]
			name := bytes.IndexByte(p, 0)
			zr, err := zlib.NewReader(bytes.NewReader(p[name+2:]))
			require.NoError(tb, err)
			icc, err := io.ReadAll(zr)
			require.NoError(tb, err)
			return icc
		}
		i += 12 + n
	}
	return nil
}

func TestProcessUploadKeepsICC(t *testing.T) {
	icc := make([]byte, 70_000) // two APP2 chunks in a JPEG
	for i := range icc {
		icc[i] = byte(i * 7)
	}
	copy(icc[12:], "mntrRGB XYZ ")
	copy(icc[36:], "acsp")
	cmyk := slices.Clone(icc[:1000])
	copy(cmyk[12:], "prtrCMYKLab ")
	tests := []struct {
		name   string
		format string
		data   []byte
		read   func(testing.TB, []byte) []byte
	}{
		{"JPEG", "jpeg", encodeImage(t, "jpeg", 600, 400, 255), iccOf},
		{"PNG", "png", encodeImage(t, "png", 600, 400, 200), pngICC},
	}
	for _, tc := range tests {
		t.Run(tc.name+" without a CMYK profile", func(t *testing.T) {
			_, files, err := news.ProcessUpload("cmyk."+tc.format, withICC(t, tc.format, tc.data, cmyk), nil)
			require.NoError(t, err)
			assert.Empty(t, tc.read(t, files[0]), "an RGB variant carries no CMYK profile")
		})
		t.Run(tc.name, func(t *testing.T) {
			m, files, err := news.ProcessUpload("p3."+tc.format, withICC(t, tc.format, tc.data, icc), nil)
			require.NoError(t, err)
			require.Len(t, files, 2)
			for i := range files {
				assert.Equal(t, icc, tc.read(t, files[i]), "variant %d", m.Variants[i].Width)
				_, _, err := image.Decode(bytes.NewReader(files[i]))
				require.NoError(t, err, "a variant with its profile decodes")
			}
		})
	}
}
