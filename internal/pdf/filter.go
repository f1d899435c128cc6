package pdf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
)

// errImage marks a stream of image data, which text reading never needs.
var errImage = errors.New("image data")

// decode applies a stream's filters, producing at most what the decoded
// budget has left (and never more than MaxStream bytes): a small stream
// that inflates to gigabytes stops there.
func (r *reader) decode(s *stream) ([]byte, error) {
	data := s.raw
	if r.crypt != nil && !s.skip {
		data = r.crypt.decryptStream(s)
	}
	filters, params := r.resolve(s.d["Filter"]), r.resolve(s.d["DecodeParms"])
	var fs []string
	var ps []dict
	switch f := filters.(type) {
	case name:
		fs = []string{string(f)}
		ps = []dict{asDict(params)}
	case array:
		pa, _ := params.(array)
		for i, x := range f {
			fs = append(fs, asName(r.resolve(x)))
			var p dict
			if i < len(pa) {
				p = asDict(r.resolve(pa[i]))
			}
			ps = append(ps, p)
		}
	}
	if len(fs) > 8 {
		return nil, fmt.Errorf("%d filters on one stream: %w", len(fs), ErrTooMuch)
	}
	for i, f := range fs {
		limit := min(r.decoded.left, r.lim.MaxStream)
		if limit <= 0 {
			return nil, fmt.Errorf("decoded streams over %d bytes: %w", r.lim.MaxDecoded, ErrTooMuch)
		}
		var err error
		switch f {
		case "FlateDecode", "Fl":
			data, err = inflate(data, limit)
			if err == nil {
				data, err = predict(data, ps[i])
			}
		case "ASCIIHexDecode", "AHx":
			data = asciiHex(data)
		case "ASCII85Decode", "A85":
			data, err = ascii85Decode(data)
		case "RunLengthDecode", "RL":
			data = runLength(data, limit)
		case "LZWDecode", "LZW":
			early := true
			if v, ok := asInt(ps[i]["EarlyChange"]); ok && v == 0 {
				early = false
			}
			data = lzw(data, early, limit)
			if err == nil {
				data, err = predict(data, ps[i])
			}
		case "DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode":
			return nil, errImage
		case "Crypt":
			// Identity is the only crypt filter a reader without the
			// file's keys can apply.
		default:
			return nil, fmt.Errorf("filter %q: %w", f, ErrDamaged)
		}
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > limit {
			data = data[:limit]
		}
	}
	if err := r.decoded.spend(int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}

// inflate expands zlib (or bare deflate) data, keeping what could be read
// from a stream that is cut short or damaged, as readers do.
func inflate(data []byte, limit int64) ([]byte, error) {
	var src io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		src = zr
	} else {
		src = flate.NewReader(bytes.NewReader(data))
	}
	var out bytes.Buffer
	_, err := io.Copy(&out, io.LimitReader(src, limit+1))
	if int64(out.Len()) > limit {
		return nil, fmt.Errorf("a stream inflating past %d bytes: %w", limit, ErrTooMuch)
	}
	if err != nil && out.Len() == 0 {
		return nil, fmt.Errorf("deflate: %v: %w", err, ErrDamaged)
	}
	return out.Bytes(), nil
}

// predict undoes a PNG or TIFF predictor (DecodeParms /Predictor).
func predict(data []byte, p dict) ([]byte, error) {
	pred, _ := asInt(p["Predictor"])
	if pred < 2 {
		return data, nil
	}
	colors, cols, bpc := int64(1), int64(1), int64(8)
	if v, ok := asInt(p["Colors"]); ok && v >= 1 && v <= 32 {
		colors = v
	}
	if v, ok := asInt(p["Columns"]); ok && v >= 1 && v <= 1<<20 {
		cols = v
	}
	if v, ok := asInt(p["BitsPerComponent"]); ok && (v == 1 || v == 2 || v == 4 || v == 8 || v == 16) {
		bpc = v
	}
	bpp := int(max(1, colors*bpc/8))
	// A row longer than the data is cut to it: the work and memory of
	// undoing the predictor follow the data, not what the file claims.
	row := int(min((colors*bpc*cols+7)/8, int64(len(data))))
	if row == 0 {
		return data, nil
	}
	if pred == 2 {
		if bpc != 8 {
			return data, nil
		}
		out := bytes.Clone(data)
		for i := range out {
			if i%row >= bpp {
				out[i] += out[i-bpp]
			}
		}
		return out, nil
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, row)
	for len(data) > 0 {
		typ := data[0]
		n := min(row, len(data)-1)
		cur := make([]byte, row)
		copy(cur, data[1:1+n])
		data = data[1+n:]
		for i := range row {
			var left, up, ul byte
			if i >= bpp {
				left, ul = cur[i-bpp], prev[i-bpp]
			}
			up = prev[i]
			switch typ {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[i] += paeth(left, up, ul)
			}
		}
		out = append(out, cur[:n]...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func asciiHex(data []byte) []byte {
	out := make([]byte, 0, len(data)/2)
	var hi byte
	half := false
	for _, c := range data {
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func ascii85Decode(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(bytes.TrimSpace(data), []byte("<~"))
	if i := bytes.Index(data, []byte("~>")); i >= 0 {
		data = data[:i]
	}
	out := make([]byte, 4*len(data)/5+4)
	n, _, err := ascii85.Decode(out, data, true)
	if err != nil && n == 0 {
		return nil, fmt.Errorf("ASCII85: %v: %w", err, ErrDamaged)
	}
	return out[:n], nil
}

func runLength(data []byte, limit int64) []byte {
	var out []byte
	for i := 0; i < len(data) && int64(len(out)) <= limit; {
		n := int(data[i])
		i++
		switch {
		case n < 128:
			end := min(i+n+1, len(data))
			out = append(out, data[i:end]...)
			i = end
		case n > 128:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
				i++
			}
		default:
			return out
		}
	}
	return out
}

// lzw expands LZW data as PDF writes it: codes of 9 to 12 bits, most
// significant bit first, 256 clears the table and 257 ends the data; with
// early change the code width grows one code sooner.
func lzw(data []byte, early bool, limit int64) []byte {
	var out []byte
	table := make([][]byte, 258, 4096)
	reset := func() {
		table = table[:258]
		for i := range 256 {
			table[i] = []byte{byte(i)}
		}
	}
	reset()
	width, bits, nbits := 9, uint32(0), 0
	var prev []byte
	e := 0
	if early {
		e = 1
	}
	for _, c := range data {
		bits = bits<<8 | uint32(c)
		nbits += 8
		for nbits >= width {
			code := int(bits >> (nbits - width) & (1<<width - 1))
			nbits -= width
			switch {
			case code == 256:
				reset()
				width, prev = 9, nil
				continue
			case code == 257:
				return out
			}
			var entry []byte
			switch {
			case code < len(table):
				entry = table[code]
				if prev != nil && len(table) < 4096 {
					table = append(table, append(bytes.Clone(prev), entry[0]))
				}
			case code == len(table) && prev != nil:
				entry = append(bytes.Clone(prev), prev[0])
				if len(table) < 4096 {
					table = append(table, entry)
				}
			default:
				return out // a code not yet defined: damaged
			}
			out = append(out, entry...)
			if int64(len(out)) > limit {
				return out
			}
			prev = entry
			if len(table)+e >= 1<<width && width < 12 {
				width++
			}
		}
	}
	return out
}
