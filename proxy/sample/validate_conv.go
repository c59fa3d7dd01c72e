package sample

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// convValidator returns the check 2.6 runs on a converter's arguments (its
// val_args), or nil. Unlike fetches, converters are always checked, even
// without an argument list. The texts are HAProxy's.
func convValidator(name string) func([]Arg, *Context) error {
	pure := func(f func([]Arg) error) func([]Arg, *Context) error {
		return func(a []Arg, _ *Context) error { return f(a) }
	}
	switch name {
	case "add", "sub", "mul", "div", "mod", "and", "or", "xor":
		return pure(checkOperator)
	case "add_item":
		return pure(checkAddItem)
	case "concat":
		return pure(func(a []Arg) error { return optionalVar(a, 1) })
	case "strcmp", "secure_memcmp":
		return pure(func(a []Arg) error {
			if a[0].Str == "" {
				return errors.New("missing variable name")
			}
			return optionalVar(a, 0)
		})
	case "set-var":
		return pure(checkSetVarConv)
	case "unset-var":
		return pure(checkVarArg(0))
	case "debug":
		return pure(func(a []Arg) error {
			if !a[1].Present {
				return nil
			}
			switch a[1].Str {
			case "buf0", "stdout", "stderr":
				return nil
			}
			return fmt.Errorf("No such sink '%s'", a[1].Str)
		})
	case "digest", "hmac":
		return pure(func(a []Arg) error {
			if !digestNames()[strings.ToLower(a[0].Str)] {
				return errors.New("algorithm must be a valid OpenSSL message digest name.")
			}
			return nil
		})
	case "field", "word":
		return pure(func(a []Arg) error {
			if a[0].Int == 0 {
				return errors.New("Unexpected value 0 for index")
			}
			if a[1].Str == "" {
				return errors.New("Empty separators list")
			}
			return nil
		})
	case "fix_tag_value":
		return pure(checkFixTag)
	case "http_date":
		return pure(checkTimeUnit(1, "expects 's', 'ms' or 'us', got '%s'"))
	case "json":
		return pure(func(a []Arg) error {
			switch a[0].Str {
			case "", "ascii", "utf8", "utf8s", "utf8p", "utf8ps":
				return nil
			}
			return errors.New("Unexpected input code type. Allowed value are 'ascii', 'utf8', 'utf8s', 'utf8p' and 'utf8ps'")
		})
	case "json_query":
		return pure(func(a []Arg) error {
			if a[0].Str == "" {
				return errors.New("json_path must not be empty")
			}
			return outputTypeInt(a[1])
		})
	case "jwt_header_query", "jwt_payload_query":
		return pure(func(a []Arg) error { return outputTypeInt(a[1]) })
	case "jwt_verify":
		return pure(checkJWTAlg)
	case "mqtt_field_value":
		return pure(checkMQTTField)
	case "protobuf", "ungrpc":
		return pure(func(a []Arg) error {
			if a[1].Present && !protobufType(a[1].Str) {
				return fmt.Errorf("Wrong protocol buffer type '%s'", a[1].Str)
			}
			return nil
		})
	case "regsub":
		return pure(func(a []Arg) error {
			for i := 0; i < len(a[2].Str); i++ {
				if c := a[2].Str[i]; c != 'i' && c != 'g' {
					return fmt.Errorf("invalid regex flag '%c', only 'i' and 'g' are supported", c)
				}
			}
			prepareRegsub(a)
			return nil
		})
	case "sha2":
		return pure(func(a []Arg) error {
			if !a[0].Present {
				return nil
			}
			switch a[0].Int {
			case 224, 256, 384, 512:
				return nil
			}
			return fmt.Errorf("Unsupported number of bits: '%d'", a[0].Int)
		})
	case "url_enc":
		return pure(func(a []Arg) error {
			if a[0].Present && a[0].Str != "" && a[0].Str != "query" {
				return errors.New("Unexpected encode type. Allowed value is 'query'")
			}
			return nil
		})
	case "be2dec":
		return pure(func(a []Arg) error {
			if a[1].Int <= 0 || a[1].Int > 8 {
				return fmt.Errorf("chunk_size out of [1..8] range (%d)", a[1].Int)
			}
			return checkTruncate(a[2])
		})
	case "be2hex":
		return pure(func(a []Arg) error {
			if a[1].Present && a[1].Int < 1 {
				return fmt.Errorf("chunk_size needs to be positive (%d)", a[1].Int)
			}
			return checkTruncate(a[2])
		})
	case "aes_gcm_dec":
		return pure(checkAESGCM)
	}
	if strings.HasPrefix(name, "map") {
		return checkMap(name)
	}
	return nil
}

// checkOperator is check_operator: an integer or a variable name.
func checkOperator(a []Arg) error {
	if v, err := ParseVar(a[0].Str); err == nil {
		a[0].Type, a[0].Var = ArgVar, &v
		return nil
	}
	v, n := readInt64(a[0].Str)
	if n != len(a[0].Str) {
		return errors.New("expects an integer or a variable name")
	}
	a[0].Type, a[0].Int = ArgSInt, v
	return nil
}

// optionalVar turns a non-empty argument i into a variable.
func optionalVar(a []Arg, i int) error {
	if a[i].Str == "" {
		return nil
	}
	v, err := ParseVar(a[i].Str)
	if err != nil {
		return fmt.Errorf("failed to register variable name '%s'", a[i].Str)
	}
	a[i].Type, a[i].Var = ArgVar, &v
	return nil
}

func checkAddItem(a []Arg) error {
	if a[1].Str == "" && a[2].Str == "" {
		return errors.New("one of the optional arguments has to be nonempty")
	}
	return optionalVar(a, 1)
}

// The conditions of set-var are in configuration.txt §4.2
// "http-request set-var".
// CheckVarCond returns 2.6's error for an unknown set-var condition.
func CheckVarCond(c string) error {
	switch c {
	case "ifexists", "ifnotexists", "ifempty", "ifnotempty", "ifset", "ifnotset", "ifgt", "iflt":
		return nil
	}
	return fmt.Errorf("unknown condition \"%s\"", c)
}

func checkSetVarConv(a []Arg) error {
	if err := checkVarArg(0)(a); err != nil {
		return err
	}
	for _, x := range a[1:] {
		if x.Present {
			if err := CheckVarCond(x.Str); err != nil {
				return err
			}
		}
	}
	return nil
}

// digestNames are the names OpenSSL 3's EVP_get_digestbyname knows with
// the default provider, lower-cased (the lookup ignores case).
func digestNames() map[string]bool {
	return map[string]bool{
		"md4": true, "md5": true, "md5-sha1": true, "sha1": true, "sha-1": true,
		"sha224": true, "sha-224": true, "sha256": true, "sha-256": true,
		"sha384": true, "sha-384": true, "sha512": true, "sha-512": true,
		"sha512-224": true, "sha-512/224": true, "sha512-256": true, "sha-512/256": true,
		"sha3-224": true, "sha3-256": true, "sha3-384": true, "sha3-512": true,
		"shake128": true, "shake256": true, "blake2b512": true, "blake2s256": true,
		"ripemd160": true, "ripemd": true, "rmd160": true, "sm3": true, "whirlpool": true,
		"ssl3-md5": true, "ssl3-sha1": true,
		"rsa-md5": true, "rsa-sha1": true, "rsa-sha224": true, "rsa-sha256": true,
		"rsa-sha384": true, "rsa-sha512": true,
	}
}

// checkFixTag accepts the FIX tag names fix_tag_value translates, or a
// positive number.

func checkFixTag(a []Arg) error {
	s := a[0].Str
	switch strings.ToLower(s) {
	case "beginstring", "bodylength", "msgtype", "sendercompid", "targetcompid", "checksum":
		return nil
	}
	if v, err := strconv.ParseInt(s, 10, 64); err == nil && v > 0 {
		return nil
	}
	return fmt.Errorf("Unknown FIX tag name '%s'", s)
}

func outputTypeInt(a Arg) error {
	if a.Present && a.Str != "" && a.Str != "int" {
		return errors.New("output_type only supports \"int\" as argument")
	}
	return nil
}

func checkJWTAlg(a []Arg) error {
	// Both arguments may be variables, resolved at run time.
	for i := range a[:2] {
		if v, err := ParseVar(a[i].Str); err == nil {
			a[i].Type, a[i].Var = ArgVar, &v
		}
	}
	if a[0].Var != nil {
		return nil
	}
	switch a[0].Str {
	case "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "none":
		return nil
	case "PS256", "PS384", "PS512":
		return errors.New("RSASSA-PSS JWS signing not managed yet")
	}
	return fmt.Errorf("unknown JWT algorithm: %s", a[0].Str)
}

// mqttTypes are the MQTT control packet types by name (mqtt.c).
func mqttTypes() []string {
	return []string{"", "connect", "connack", "publish", "puback", "pubrec", "pubrel",
		"pubcomp", "subscribe", "suback", "unsubscribe", "unsuback", "pingreq", "pingresp",
		"disconnect", "auth"}
}

// mqttFields lists the fields mqtt_field_value extracts per packet type:
// names, then MQTT v5 property ids (configuration.txt "mqtt_field_value").
func mqttFields() map[int][]string {
	return map[int][]string{
		1: {"flags", "protocol_name", "protocol_version", "client_identifier", "will_topic",
			"will_payload", "username", "password", "keepalive",
			"17", "33", "39", "34", "25", "23", "21", "22", "18", "1", "2", "3", "8", "9"},
		2: {"flags", "protocol_version", "reason_code",
			"17", "33", "36", "37", "39", "18", "34", "31", "40", "41", "42", "19", "26", "28", "21", "22"},
	}
}

func checkMQTTField(a []Arg) error {
	t := -1
	for i, n := range mqttTypes() {
		if i > 0 && strings.EqualFold(a[0].Str, n) {
			t = i
		}
	}
	if t < 0 {
		if v, err := strconv.Atoi(a[0].Str); err == nil && v >= 1 && v <= 15 {
			t = v
		}
	}
	if t < 0 {
		return fmt.Errorf("Unknown MQTT type '%s'", a[0].Str)
	}
	for _, f := range mqttFields()[t] {
		if strings.EqualFold(f, a[1].Str) {
			return nil
		}
	}
	return fmt.Errorf("Unknown MQTT field name '%s' for packet type '%s'", a[1].Str, a[0].Str)
}

// protobufTypes are the field types protobuf and ungrpc accept.
func protobufType(t string) bool {
	switch t {
	case "int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool", "enum",
		"fixed64", "sfixed64", "double", "fixed32", "sfixed32", "float":
		return true
	}
	return false
}

func checkTruncate(a Arg) error {
	if a.Int != 0 && a.Int != 1 {
		return fmt.Errorf("Unsupported truncate value (%d)", a.Int)
	}
	return nil
}

func checkAESGCM(a []Arg) error {
	switch a[0].Int {
	case 128, 192, 256:
	default:
		return errors.New("key size must be 128, 192 or 256 (bits).")
	}
	for i, what := range []string{"nonce", "key", "aead_tag"} {
		x := &a[i+1]
		if v, err := ParseVar(x.Str); err == nil {
			x.Type, x.Var = ArgVar, &v
			continue
		}
		if len(x.Str)%4 != 0 {
			return fmt.Errorf("failed to parse %s : argument needs to be base64 encoded, and can either be a string or a variable", what)
		}
		if _, err := base64.StdEncoding.DecodeString(x.Str); err != nil {
			return fmt.Errorf("failed to parse %s : argument needs to be base64 encoded, and can either be a string or a variable", what)
		}
	}
	return nil
}

// MapLoader loads the file a map_* converter names (map.c's
// sample_load_map): it parses every line with the converter's match
// method and output type and returns the loaded map, or 2.6's error text.
// The acl package implements it; the decoder puts one in Context.Maps.
type MapLoader interface {
	LoadMap(conv *Converter, file string, c *Context) (any, error)
}

// checkMap loads the map through the context, or only checks that the
// file can be read when no loader is configured.
func checkMap(name string) func([]Arg, *Context) error {
	return func(a []Arg, c *Context) error {
		file := a[0].Str
		var conv *Converter
		if c != nil && c.Registry != nil {
			conv = c.Registry.Converter(name)
		}
		if c != nil && c.Maps != nil && conv != nil {
			m, err := c.Maps.LoadMap(conv, file, c)
			if err != nil {
				return err
			}
			a[0].Map = m
		} else if c != nil {
			if _, err := c.Read(file); err != nil {
				return fmt.Errorf("failed to open pattern file <%s>", file)
			}
		}
		// The ip maps take an IPv4 or IPv6 default (map_parse_ip).
		if conv != nil && conv.Out == Addr && a[1].Present {
			if _, ok := parseIPv4(a[1].Str); !ok {
				if _, ok := parseIPv6(a[1].Str); !ok {
					return fmt.Errorf("map: cannot parse default ip <%s>.", a[1].Str)
				}
			}
		}
		return nil
	}
}
