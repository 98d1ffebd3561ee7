"""Two repairs that let thriftpy 0.3.9's compact protocol talk to anyone.

Both were found by running the matrix; neither touches the binary protocol.
1. Its varint writer calls array.array.tostring(), which Python 3.9 removed
   (Debian 12 ships 3.11), so every compact message it writes fails. Its
   compact module gets an array type that still has tostring().
2. Its write_bool() writes a bool field's header only when the field id is
   truthy and at most 15 above the previous one; otherwise it writes the
   bare value. A method's bool result is field 0, so every testBool reply
   (and any bool field after a long id gap) comes out malformed. The
   replacement always writes the field header when a field is pending.
Everything else in the encoding stays thriftpy's own.
"""
import array
import types

import thriftpy.protocol.compact as _compact


class _ArrayWithToString(array.array):
    def tostring(self):
        return self.tobytes()


def _write_bool(self, value):
    fid, self._bool_fid = self._bool_fid, None
    ctype = _compact.CompactType.TRUE if value else _compact.CompactType.FALSE
    if fid is None:
        self.write_byte(ctype)  # a bool inside a container: no field header
    else:
        self._write_field_header(ctype, fid)


def install():
    if not hasattr(array.array, "tostring"):
        _compact.array = types.SimpleNamespace(array=_ArrayWithToString)
    _compact.TCompactProtocol.write_bool = _write_bool
