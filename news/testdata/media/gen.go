//go:build ignore

// gen writes phone.jpg: a 1200×900 JPEG as a phone writes it, to test that
// uploads lose their metadata and are turned upright. It carries an EXIF
// APP1 segment (Make, Model, Orientation 6 "turn 90° clockwise", a GPS
// IFD with the position of the Department in Thái Bình, and an IFD1
// thumbnail), an XMP APP1 segment with the same position, an ICC_PROFILE
// APP2 segment and a comment. The picture is blue with a red top-left
// quadrant, so that orientation can be checked by colour.
//
//	go run gen.go
package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"os"
)

// An entry is one TIFF IFD entry; data is its value as bytes (big-endian).
type entry struct {
	tag, typ uint16
	count    uint32
	data     []byte
}

func short(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func long(v uint32) []byte  { return binary.BigEndian.AppendUint32(nil, v) }

func rationals(vs ...uint32) []byte {
	var b []byte
	for i := 0; i < len(vs); i += 2 {
		b = append(b, long(vs[i])...)
		b = append(b, long(vs[i+1])...)
	}
	return b
}

// ifdSize is the size of an IFD with its out-of-line values.
func ifdSize(es []entry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += len(e.data) + len(e.data)%2
		}
	}
	return n
}

// ifd serialises an IFD at offset start, its values longer than four
// bytes right after it, pointing to the next IFD at next (0 for none).
func ifd(es []entry, start, next int) []byte {
	var b, data []byte
	b = append(b, short(uint16(len(es)))...)
	dataAt := start + 2 + 12*len(es) + 4
	for _, e := range es {
		b = append(b, short(e.tag)...)
		b = append(b, short(e.typ)...)
		b = append(b, long(e.count)...)
		if len(e.data) <= 4 {
			b = append(b, append(e.data, make([]byte, 4-len(e.data))...)...)
			continue
		}
		b = append(b, long(uint32(dataAt+len(data)))...)
		data = append(data, e.data...)
		if len(e.data)%2 == 1 {
			data = append(data, 0)
		}
	}
	b = append(b, long(uint32(next))...)
	return append(b, data...)
}

func segment(marker byte, payload []byte) []byte {
	b := []byte{0xFF, marker}
	b = append(b, short(uint16(len(payload)+2))...)
	return append(b, payload...)
}

func encode(img image.Image, q int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func main() {
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := range 900 {
		for x := range 1200 {
			c := color.RGBA{20, 60, 200, 255}
			if x < 600 && y < 450 {
				c = color.RGBA{220, 30, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	thumb := encode(image.NewRGBA(image.Rect(0, 0, 16, 12)), 50)

	const (
		ascii, shortT, longT, rational, byteT = 2, 3, 4, 5, 1
	)
	gps := []entry{
		{0x0000, byteT, 4, []byte{2, 3, 0, 0}},
		{0x0001, ascii, 2, []byte("N\x00")},
		{0x0002, rational, 3, rationals(20, 1, 26, 1, 4668, 100)},
		{0x0003, ascii, 2, []byte("E\x00")},
		{0x0004, rational, 3, rationals(106, 1, 20, 1, 1176, 100)},
	}
	ifd1 := []entry{
		{0x0201, longT, 1, nil}, // thumbnail offset, set below
		{0x0202, longT, 1, long(uint32(len(thumb)))},
	}
	ifd0 := []entry{
		{0x010F, ascii, 8, []byte("samsung\x00")},
		{0x0110, ascii, 9, []byte("SM-A546E\x00")},
		{0x0112, shortT, 1, short(6)},
		{0x8825, longT, 1, nil}, // GPS IFD offset, set below
	}
	gpsAt := 8 + ifdSize(ifd0)
	ifd1At := gpsAt + ifdSize(gps)
	thumbAt := ifd1At + ifdSize(ifd1)
	ifd0[3].data = long(uint32(gpsAt))
	ifd1[0].data = long(uint32(thumbAt))

	tiff := []byte("MM\x00*")
	tiff = append(tiff, long(8)...)
	tiff = append(tiff, ifd(ifd0, 8, ifd1At)...)
	tiff = append(tiff, ifd(gps, gpsAt, 0)...)
	tiff = append(tiff, ifd(ifd1, ifd1At, 0)...)
	tiff = append(tiff, thumb...)

	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
		`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="20,26.7798N" exif:GPSLongitude="106,20.196E"/>` +
		`</rdf:RDF></x:xmpmeta>`
	// A profile header of 128 bytes and an empty tag table: enough to be
	// carried, not to be used.
	icc := make([]byte, 132)
	binary.BigEndian.PutUint32(icc, 132)
	copy(icc[12:], "mntrRGB XYZ ")
	copy(icc[36:], "acsp")

	body := encode(img, 90)
	var out []byte
	out = append(out, body[:2]...)
	out = append(out, segment(0xE1, append([]byte("Exif\x00\x00"), tiff...))...)
	out = append(out, segment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp...))...)
	out = append(out, segment(0xE2, append([]byte("ICC_PROFILE\x00\x01\x01"), icc...))...)
	out = append(out, segment(0xFE, []byte("Galaxy A54 - Hoi nghi tong ket"))...)
	out = append(out, body[2:]...)
	if err := os.WriteFile("phone.jpg", out, 0o644); err != nil {
		log.Fatal(err)
	}
}
