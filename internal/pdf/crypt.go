package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
)

// Many reports are encrypted only to restrict copying or printing: their
// user password is empty, and any reader opens them. decrypter reads such
// files (the standard security handler, revisions 2 to 6: RC4, AES-128,
// AES-256); a file that needs a password is reported as encrypted.

type decrypter struct {
	key            []byte
	stmAES, strAES bool // the method of streams and of strings
	stmNone        bool // streams are not encrypted (Identity)
	strNone        bool
	v5             bool // AES-256: the file key is the object key
	encryptDict    int  // the Encrypt dictionary's own object, never decrypted
}

// padding completes a password to 32 bytes (algorithm 2, step a).
var padding = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

// newDecrypter opens the file's encryption with the empty user password.
func (r *reader) newDecrypter() (*decrypter, error) {
	encRef, _ := r.trailer["Encrypt"].(ref)
	e := asDict(r.resolve(r.trailer["Encrypt"]))
	if e == nil {
		return nil, fmt.Errorf("unreadable Encrypt dictionary: %w", ErrEncrypted)
	}
	if f := asName(e["Filter"]); f != "Standard" {
		return nil, fmt.Errorf("security handler %q: %w", f, ErrEncrypted)
	}
	v, _ := asInt(r.resolve(e["V"]))
	rev, _ := asInt(r.resolve(e["R"]))
	o, _ := r.resolve(e["O"]).(string)
	u, _ := r.resolve(e["U"]).(string)
	p, _ := asInt(r.resolve(e["P"]))
	d := &decrypter{encryptDict: -1}
	if encRef.num > 0 {
		d.encryptDict = encRef.num
	}
	// Which method strings and streams use (V 4 and 5 name crypt filters).
	method := func(filterName string) (aesOn, none bool) {
		if v < 4 {
			return false, false
		}
		if filterName == "" || filterName == "Identity" {
			return false, filterName == "Identity"
		}
		cf := asDict(asDict(r.resolve(e["CF"]))[name(filterName)])
		switch asName(cf["CFM"]) {
		case "AESV2", "AESV3":
			return true, false
		case "None":
			return false, true
		}
		return false, false
	}
	d.stmAES, d.stmNone = method(asName(e["StmF"]))
	d.strAES, d.strNone = method(asName(e["StrF"]))
	switch {
	case rev >= 2 && rev <= 4:
		length := int64(40)
		if l, ok := asInt(r.resolve(e["Length"])); ok && l >= 40 && l <= 128 && l%8 == 0 {
			length = l
		}
		n := int(length / 8)
		if rev == 2 {
			n = 5
		}
		var id0 string
		if ids, ok := r.resolve(r.trailer["ID"]).(array); ok && len(ids) > 0 {
			id0, _ = r.resolve(ids[0]).(string)
		}
		h := md5.New()
		h.Write(padding)
		h.Write([]byte(o))
		binary.Write(h, binary.LittleEndian, uint32(p))
		h.Write([]byte(id0))
		if em, ok := r.resolve(e["EncryptMetadata"]).(bool); rev >= 4 && ok && !em {
			h.Write([]byte{0xff, 0xff, 0xff, 0xff})
		}
		key := h.Sum(nil)
		if rev >= 3 {
			for range 50 {
				s := md5.Sum(key[:n])
				key = s[:]
			}
		}
		key = key[:n]
		// Check the key against U (algorithms 4 and 5).
		var want []byte
		if rev == 2 {
			want = rc4Crypt(key, padding)
		} else {
			s := md5.Sum(append(bytes.Clone(padding), id0...))
			want = s[:]
			for i := range 20 {
				k := make([]byte, len(key))
				for j := range key {
					k[j] = key[j] ^ byte(i)
				}
				want = rc4Crypt(k, want)
			}
		}
		if len(u) < 16 || !bytes.Equal([]byte(u[:16]), want[:16]) {
			return nil, ErrEncrypted
		}
		d.key = key
	case rev == 5 || rev == 6:
		ue, _ := r.resolve(e["UE"]).(string)
		if len(u) < 48 || len(ue) < 32 {
			return nil, fmt.Errorf("AES-256 keys missing: %w", ErrEncrypted)
		}
		check := hash2B(nil, []byte(u[32:40]), rev)
		if !bytes.Equal(check, []byte(u[:32])) {
			return nil, ErrEncrypted
		}
		ik := hash2B(nil, []byte(u[40:48]), rev)
		block, err := aes.NewCipher(ik)
		if err != nil {
			return nil, ErrEncrypted
		}
		key := make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, []byte(ue[:32]))
		d.key, d.v5 = key, true
	default:
		return nil, fmt.Errorf("security handler revision %d: %w", rev, ErrEncrypted)
	}
	return d, nil
}

// hash2B is the password hash of revisions 5 and 6 (algorithm 2.B; in
// revision 5 a single SHA-256), for the user password pwd.
func hash2B(pwd, salt []byte, rev int64) []byte {
	k := sha256.Sum256(append(bytes.Clone(pwd), salt...))
	if rev == 5 {
		return k[:]
	}
	key := k[:]
	for i := 0; ; i++ {
		k1 := bytes.Repeat(append(bytes.Clone(pwd), key...), 64)
		block, _ := aes.NewCipher(key[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, key[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var h hash.Hash
		switch sum % 3 {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		key = h.Sum(nil)
		if i >= 63 && int(e[len(e)-1]) <= i-32 {
			break
		}
	}
	return key[:32]
}

func rc4Crypt(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey is the key of one object (algorithm 1).
func (d *decrypter) objectKey(num, gen int, aesOn bool) []byte {
	if d.v5 {
		return d.key
	}
	h := md5.New()
	h.Write(d.key)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if aesOn {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(d.key)+5, 16)]
}

func (d *decrypter) crypt(data []byte, num, gen int, aesOn bool) []byte {
	key := d.objectKey(num, gen, aesOn)
	if !aesOn {
		return rc4Crypt(key, data)
	}
	if len(data) < 32 || len(data)%16 != 0 {
		return nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	if n := int(out[len(out)-1]); n >= 1 && n <= 16 && n <= len(out) {
		out = out[:len(out)-n]
	}
	return out
}

func (d *decrypter) decryptStream(s *stream) []byte {
	if d.stmNone || asName(s.d["Type"]) == "XRef" {
		return s.raw
	}
	return d.crypt(s.raw, s.num, s.gen, d.stmAES)
}

// decryptObject decrypts the strings of an object read from the file.
func (d *decrypter) decryptObject(o object, num int, _ xrefEntry) object {
	if num == d.encryptDict || d.strNone {
		return o
	}
	var walk func(o object, depth int) object
	walk = func(o object, depth int) object {
		if depth > 64 {
			return o
		}
		switch v := o.(type) {
		case string:
			return string(d.crypt([]byte(v), num, 0, d.strAES))
		case array:
			for i := range v {
				v[i] = walk(v[i], depth+1)
			}
		case dict:
			for k, x := range v {
				v[k] = walk(x, depth+1)
			}
		case *stream:
			walk(v.d, depth+1)
		}
		return o
	}
	return walk(o, 0)
}
