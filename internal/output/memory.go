package output

import (
	"bytes"
	"maps"
	"slices"
	"sync"
)

// Memory is a Sink that keeps files in memory, for the development server and tests.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{files: map[string][]byte{}}
}

// Write stores a copy-free reference to data; callers must not change it afterwards.
func (m *Memory) Write(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	data = bytes.Clone(data) // the writer may reuse its bytes
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Get returns a file's bytes.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	data, ok := m.files[name]
	return data, ok
}

// Remove deletes a file, as a rebuild does for a page that no longer exists.
func (m *Memory) Remove(name string) {
	m.mu.Lock()
	delete(m.files, name)
	m.mu.Unlock()
}

// Names returns the names of all files, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Sorted(maps.Keys(m.files))
}

// Files returns a snapshot of all files.
func (m *Memory) Files() map[string][]byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return maps.Clone(m.files)
}

// Clone returns a Memory holding the same files, to change while this one is served.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{files: maps.Clone(m.files)}
}
